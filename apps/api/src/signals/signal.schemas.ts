import { JsonValueSchema, SIGNAL_NAME_PATTERN } from '@taskloom/engine';
import { z } from 'zod';

export const SignalNameParamSchema = z
  .string()
  .regex(SIGNAL_NAME_PATTERN)
  .describe("The signal's name, as a task's waitFor.signal names it");

export const SendSignalSchema = z
  .object({
    payload: JsonValueSchema.default(null).describe(
      "Checked against the waiting task's waitFor.schema; becomes that task's output.",
    ),
    signalId: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Makes sending idempotent: a signal with an id the run already received is not delivered again.'),
  })
  .strict()
  .meta({ id: 'SendSignal', example: { payload: { approved: true, by: 'ana' }, signalId: 'approval-7f3a' } });

export type SendSignalBody = z.infer<typeof SendSignalSchema>;

export const SentSignalSchema = z
  .object({
    runId: z.uuid(),
    name: z.string(),
    signalId: z.string().nullable(),
    outcome: z
      .enum(['delivered', 'kept', 'duplicate'])
      .describe(
        'delivered: a waiting task took it; kept: no task waits for it yet, the next one that does takes it; duplicate: the run already received this signalId, nothing changed.',
      ),
    taskKey: z.string().nullable().describe('The task that took it (or took the earlier signal with this signalId).'),
  })
  .meta({ id: 'SentSignal' });
