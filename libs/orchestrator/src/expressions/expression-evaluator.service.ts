import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import {
  isInlineEvaluation,
  NeedsFullEvaluation,
  readPathOnly,
  renderTask,
  renderTemplate,
  type EventScope,
  type JsonValue,
  type PlannedTask,
  type RenderedTask,
  type TaskTemplates,
  type TemplateScope,
} from '@taskloom/engine';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ExpressionPool } from './expression-pool';
import { checkRenderedTask, type RenderedTaskLimits } from './rendered-task.checks';

/**
 * Evaluates user expressions without letting one stall the process. Each
 * set of templates is classified once: plain paths are read on this thread
 * (they cannot stall); anything else runs in the expression pool, bounded by
 * EXPRESSION_TIMEOUT_MS and EXPRESSION_MAX_MEMORY_MB (ADR 0015). The pool's
 * threads start with the application.
 */
@Injectable()
export class ExpressionEvaluator implements OnApplicationShutdown {
  private readonly pool: ExpressionPool;
  private readonly inline = new WeakMap<object, boolean>();

  constructor(@Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig) {
    this.pool = new ExpressionPool({ filename: workerFile(), ...config.engine.expressions });
  }

  /** A task's `when`, input and routing key, or its forEach and each item's input, checked against the size limits. */
  async renderTask(planned: PlannedTask, scope: TemplateScope): Promise<RenderedTask> {
    const templates: TaskTemplates = {
      when: planned.when,
      forEach: planned.forEach,
      input: planned.input,
      affinity: planned.kind === 'workflow' ? undefined : planned.affinity,
      concurrencyKey: planned.kind === 'workflow' ? undefined : planned.concurrency?.key,
      rateKey: planned.kind === 'workflow' ? undefined : planned.rateLimit?.key,
    };
    const limits = this.limitsFor(planned);
    if (this.isInline(planned, templates)) {
      const itemLimits = { maxItems: limits.maxItems, maxItemsBytes: limits.itemsBytes };
      const rendered = await inlineOrUndefined(renderTask(templates, scope, itemLimits, readPathOnly));
      if (rendered) {
        checkRenderedTask(rendered, limits);
        return rendered;
      }
    }
    return (await this.pool.run({ kind: 'task', templates, scope, limits })) as RenderedTask;
  }

  /** One template (a run's output). */
  async renderTemplate(value: JsonValue, scope: TemplateScope): Promise<JsonValue> {
    const key = typeof value === 'object' && value !== null ? value : undefined;
    if (this.isInline(key, { input: value })) {
      const rendered = await inlineOrUndefined(renderTemplate(value, scope, readPathOnly));
      if (rendered !== undefined) return rendered;
    }
    return (await this.pool.run({ kind: 'template', value, scope })) as JsonValue;
  }

  /** A definition's `on[].when` against an event (DESIGN §9). */
  async eventCondition(when: string, scope: EventScope): Promise<boolean> {
    return (await this.pool.run({ kind: 'event-condition', when, scope })) as boolean;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close(this.config.executor.shutdownGraceMs);
  }

  /** Classified once per planned task (or output template object): parsing is cached, the walk is not. */
  private isInline(key: object | undefined, templates: Parameters<typeof isInlineEvaluation>[0]): boolean {
    if (key === undefined) return isInlineEvaluation(templates);
    let inline = this.inline.get(key);
    if (inline === undefined) {
      inline = isInlineEvaluation(templates);
      this.inline.set(key, inline);
    }
    return inline;
  }

  private limitsFor(planned: PlannedTask): RenderedTaskLimits {
    const workflow = planned.kind === 'workflow';
    return {
      maxItems: this.config.engine.forEachMaxItems,
      inputBytes: workflow ? this.config.limits.runInputBytes : this.config.limits.taskInputBytes,
      inputSetting: workflow ? 'RUN_INPUT_MAX_BYTES' : 'TASK_INPUT_MAX_BYTES',
      itemsBytes: this.config.engine.forEachInputMaxBytes,
    };
  }
}

/**
 * A plain path is read here only when the read is a walk down plain objects;
 * through arrays JSONata maps and flattens, at a cost set by the data (a run
 * input of millions of items), so that goes to the pool.
 */
async function inlineOrUndefined<T>(rendering: Promise<T>): Promise<T | undefined> {
  try {
    return await rendering;
  } catch (error) {
    if (error instanceof NeedsFullEvaluation) return undefined;
    throw error;
  }
}

function workerFile(): string {
  const compiled = join(__dirname, 'expression.worker.js');
  // Under jest the sources run from src/, which holds no JavaScript: threads load the build's copy.
  return existsSync(compiled) ? compiled : join(__dirname, '..', '..', 'dist', 'expressions', 'expression.worker.js');
}
