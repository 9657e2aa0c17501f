import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import type { JsonValue } from '@taskloom/engine';
import { SignalService } from '@taskloom/orchestrator';
import { CurrentTenant } from '../auth/current-tenant.decorator';
import { PublicOperation } from '../openapi/public-operation';
import { RunIdParamSchema } from '../runs/run.schemas';
import { RunsService } from '../runs/runs.service';
import { SendSignalSchema, SentSignalSchema, SignalNameParamSchema, type SendSignalBody } from './signal.schemas';

@Controller('runs')
export class SignalsController {
  constructor(
    private readonly runs: RunsService,
    private readonly signals: SignalService,
  ) {}

  @Post(':id/signals/:name')
  @HttpCode(200)
  @PublicOperation({
    summary: 'Send a signal to a run',
    description:
      'Delivered to the task of the run that waits for this signal name (waitFor.signal) the longest, whose output the payload becomes; kept for the next task that waits for it when none does yet. The same signalId twice is delivered once.',
    tag: 'runs',
    access: 'submit',
    params: { id: RunIdParamSchema, name: SignalNameParamSchema },
    body: { schema: SendSignalSchema, description: 'The payload and an optional idempotency id.' },
    responses: { 200: { description: 'Delivered, kept, or recognised as a duplicate.', schema: SentSignalSchema } },
    errors: {
      400: "The payload does not match the waiting task's waitFor.schema.",
      404: 'No run with that id (runs of other tenants included), or no task of its workflow waits for that signal.',
      409: 'The run has ended.',
    },
  })
  async send(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('name') name: string,
    @Body({ schema: SendSignalSchema }) body: SendSignalBody,
    @CurrentTenant() tenant: string,
  ) {
    await this.runs.assertVisible(id, tenant);
    return this.signals.send({ runId: id, name, payload: body.payload as JsonValue, signalId: body.signalId });
  }
}
