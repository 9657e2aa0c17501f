import type { JsonValue } from '@taskloom/engine';
import type { StartRunCommand } from '@taskloom/orchestrator';
import { requestedStartTime, type StartRunBody } from './run.schemas';

/** A start request's body as the orchestrator's command: the one mapping, for a single start and each item of a batch. */
export function startRunCommand(
  workflow: string,
  body: StartRunBody,
  tenant: string,
  traceparent: string | null | undefined,
): StartRunCommand {
  return {
    workflow,
    version: body.version,
    owner: body.owner,
    input: body.input as JsonValue,
    priority: body.priority,
    idempotencyKey: body.idempotencyKey,
    tags: body.tags,
    timeoutMs: body.timeoutMs,
    tenant,
    traceparent,
    startAt: requestedStartTime(body),
  };
}
