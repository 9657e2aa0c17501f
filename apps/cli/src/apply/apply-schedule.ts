import { NotFoundError, type CreateSchedule, type TaskloomClient } from '@taskloom/client';
import { replacementFor, scheduleChanges } from './schedule-changes';

export type ScheduleResult = 'created' | 'updated' | 'unchanged';

/** Creates the schedule, or replaces it (PUT) when it exists and differs from the file. */
export async function applySchedule(client: TaskloomClient, wanted: CreateSchedule): Promise<ScheduleResult> {
  const existing = await client.getSchedule(wanted.name).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!existing) {
    await client.createSchedule(wanted);
    return 'created';
  }
  if (scheduleChanges(wanted, existing).length === 0) return 'unchanged';
  await client.replaceSchedule(wanted.name, replacementFor(wanted, existing));
  return 'updated';
}
