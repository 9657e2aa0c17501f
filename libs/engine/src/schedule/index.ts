export {
  CATCH_UP_POLICIES,
  OVERLAP_POLICIES,
  parseEvery,
  SCHEDULE_DEFAULTS,
  type CatchUpPolicy,
  type FireSpec,
  type OverlapPolicy,
} from './schedule-spec';
export { fireClock, ScheduleSpecError, type FireClock } from './fire-clock';
export { fireTimesBetween, nextFireTime, nextFireTimes, type FireWindow } from './fire-times';
export {
  decideCatchUp,
  decideOverlap,
  jitterOffsetMs,
  scheduleRunKey,
  type DueFires,
  type OverlapPlan,
} from './fire-decisions';
