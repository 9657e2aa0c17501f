import type { components, paths } from '../generated/openapi';

/** The API's own shapes, by their names in docs/openapi.json. */
export type Schemas = components['schemas'];
export type { components, operations, paths } from '../generated/openapi';

export type Run = Schemas['Run'];
export type RunSummary = Schemas['RunSummary'];
export type RunList = Schemas['RunList'];
export type RunStatus = Schemas['RunStatus'];
export type RunTask = Schemas['Task'];
export type TaskStatus = Schemas['TaskStatus'];
export type TaskLogs = Schemas['TaskLogs'];
/** The body of `POST /workflows/{name}/runs`; `input` defaults to `{}`. */
export type StartRun = Omit<Schemas['StartRun'], 'input'> & { input?: Schemas['StartRun']['input'] };
export type StartedRun = Schemas['StartedRun'];
export type RunControlResult = Schemas['RunControlResult'];
export type WorkflowDefinition = Schemas['WorkflowDefinition'];
export type RegisteredWorkflow = Schemas['RegisteredWorkflow'];
export type WorkflowList = Schemas['WorkflowList'];
export type WorkflowDetail = Schemas['WorkflowDetail'];
export type WorkflowVersion = Schemas['WorkflowVersion'];
export type TaskTypeList = Schemas['TaskTypeList'];
export type ApiErrorBody = Schemas['Error'];
export type Schedule = Schemas['Schedule'];
export type ScheduleList = Schemas['ScheduleList'];
/** The body of POST /schedules: the fields the API defaults may be left out. */
export type CreateSchedule = Pick<Schemas['CreateSchedule'], 'name' | 'workflow'> & Partial<Schemas['CreateSchedule']>;
export type ReplaceSchedule = Omit<CreateSchedule, 'name'>;
export type BackfillResult = Schemas['BackfillResult'];
export type SentSignal = Schemas['SentSignal'];
export type PublishedEvent = Schemas['PublishedEvent'];

/** The query `GET /api/v1/runs` takes. */
export type RunQuery = NonNullable<paths['/api/v1/runs']['get']['parameters']['query']>;

/** A run in one of these statuses changes no more. */
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

export function isTerminalRunStatus(status: RunStatus): boolean {
  return TERMINAL_RUN_STATUSES.includes(status);
}
