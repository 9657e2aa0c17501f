import {
  evaluateEventCondition,
  renderTask,
  renderTemplate,
  type EventScope,
  type JsonValue,
  type TaskTemplates,
  type TemplateScope,
} from '@taskloom/engine';
import { checkRenderedTask, type RenderedTaskLimits } from './rendered-task.checks';

/** One unit of work for the expression pool: a task's activation, one template (a run's output), or an event condition. */
export type ExpressionJob =
  | { kind: 'task'; templates: TaskTemplates; scope: TemplateScope; limits: RenderedTaskLimits }
  | { kind: 'template'; value: JsonValue; scope: TemplateScope }
  | { kind: 'event-condition'; when: string; scope: EventScope };

/** What comes back across the thread boundary: a value, or an error by name and message. */
export type ExpressionAnswer = { ok: true; value: unknown } | { ok: false; name: string; message: string };

export async function runExpressionJob(job: ExpressionJob): Promise<ExpressionAnswer> {
  try {
    if (job.kind === 'template') return { ok: true, value: await renderTemplate(job.value, job.scope) };
    if (job.kind === 'event-condition') return { ok: true, value: await evaluateEventCondition(job.when, job.scope) };
    const rendered = await renderTask(job.templates, job.scope, {
      maxItems: job.limits.maxItems,
      maxItemsBytes: job.limits.itemsBytes,
    });
    checkRenderedTask(rendered, job.limits);
    return { ok: true, value: rendered };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return { ok: false, name: failure.name, message: failure.message };
  }
}
