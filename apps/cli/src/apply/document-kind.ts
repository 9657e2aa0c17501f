import type { CreateSchedule, WorkflowDefinition } from '@taskloom/client';

export type ApplyDocument =
  { kind: 'workflow'; definition: WorkflowDefinition } | { kind: 'schedule'; schedule: CreateSchedule };

/**
 * What a document in an applied file is. `kind: workflow` or
 * `kind: schedule` says so outright (and is not sent to the API); without
 * it, `name` with a `tasks` array is a workflow definition and `name` with
 * a `workflow` and a `cron` or `every` is a schedule. Anything else is
 * undefined, which the caller reports with the file's name.
 */
export function documentKind(value: unknown): ApplyDocument | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { kind, ...fields } = value as Record<string, unknown>;
  if (typeof fields.name !== 'string') return undefined;
  const looksLikeWorkflow = Array.isArray(fields.tasks);
  const looksLikeSchedule =
    typeof fields.workflow === 'string' && (fields.cron !== undefined || fields.every !== undefined);
  if (kind === 'workflow' || (kind === undefined && looksLikeWorkflow)) {
    return looksLikeWorkflow ? { kind: 'workflow', definition: fields as unknown as WorkflowDefinition } : undefined;
  }
  if (kind === 'schedule') {
    return typeof fields.workflow === 'string'
      ? { kind: 'schedule', schedule: fields as unknown as CreateSchedule }
      : undefined;
  }
  if (kind === undefined && looksLikeSchedule) {
    return { kind: 'schedule', schedule: fields as unknown as CreateSchedule };
  }
  return undefined;
}
