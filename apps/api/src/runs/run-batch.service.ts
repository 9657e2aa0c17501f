import { Inject, Injectable } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import type { RunStatus } from '@taskloom/engine';
import { RunStarterService, TaskloomError, type StartedRun } from '@taskloom/orchestrator';
import { inSpan, traceparentOf } from '@taskloom/telemetry';
import { errorAnswerOf } from '../common/http-status';
import { PayloadTooLargeError } from '../common/payload-too-large.error';
import { validationErrorOf } from '../common/validation.pipe';
import { BacklogGuard } from './backlog.guard';
import { StartRunBatchEnvelope, type RunBatchItemView, type RunBatchResultView } from './run-batch.schemas';
import { StartRunSchema } from './run.schemas';
import { startRunCommand } from './start-run-command';

/**
 * Starts many runs of one workflow in one request. The request as a whole
 * is refused for what concerns all of it — too many items, backpressure,
 * a workflow the caller cannot see; every other refusal is one item's, in
 * its result, exactly as the single start would have answered it.
 */
@Injectable()
export class RunBatchService {
  constructor(
    @Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig,
    private readonly starter: RunStarterService,
    private readonly backlog: BacklogGuard,
  ) {}

  async start(workflow: string, request: unknown, tenant: string): Promise<RunBatchResultView> {
    const envelope = StartRunBatchEnvelope.safeParse(request);
    if (!envelope.success) throw validationErrorOf(envelope.error.issues);
    const body = envelope.data;
    const max = this.config.api.runBatchMax;
    if (body.runs.length > max) {
      throw new PayloadTooLargeError(
        `a batch starts at most ${max} runs (API_RUN_BATCH_MAX); this one has ${body.runs.length}`,
      );
    }
    await this.backlog.assertAccepting();
    return inSpan(
      'taskloom.run.create_batch',
      { attributes: { 'taskloom.workflow': workflow, 'taskloom.batch_size': body.runs.length } },
      async (span) => {
        const traceparent = traceparentOf(span);
        const parsed = body.runs.map((item) => StartRunSchema.safeParse(item));
        const commands = parsed.flatMap((item) =>
          item.success ? [startRunCommand(workflow, item.data, tenant, traceparent)] : [],
        );
        const started = await this.starter.startMany(commands);
        let next = 0;
        const items = parsed.map((item) =>
          item.success ? resultOf(started[next++]!) : rejected(validationErrorOf(item.error.issues)),
        );
        return {
          created: items.filter((item) => item.result === 'created').length,
          existing: items.filter((item) => item.result === 'existing').length,
          rejected: items.filter((item) => item.result === 'rejected').length,
          items,
        };
      },
    );
  }
}

function resultOf(outcome: PromiseSettledResult<StartedRun>): RunBatchItemView {
  if (outcome.status === 'rejected') return rejected(outcome.reason);
  const run = outcome.value;
  return {
    result: run.created ? 'created' : 'existing',
    id: run.id,
    status: run.status as RunStatus,
    workflow: run.workflow,
    version: run.version,
  };
}

/** A domain error is the item's answer; anything else (PostgreSQL out of reach) is the whole request's. */
function rejected(error: unknown): RunBatchItemView {
  const answer = error instanceof TaskloomError ? errorAnswerOf(error) : undefined;
  if (!answer) throw error;
  return { result: 'rejected', error: answer.body };
}
