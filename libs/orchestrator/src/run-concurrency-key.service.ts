import { Injectable } from '@nestjs/common';
import { qualifiedConcurrencyKey, type JsonValue } from '@taskloom/engine';
import type { NewRunRow } from '@taskloom/persistence';
import { ExpressionEvaluator } from './expressions/expression-evaluator.service';
import { ExpressionPoolClosed } from './expressions/expression-pool';
import type { CompiledWorkflow } from './plan-cache.service';

/** A workflow concurrency key that did not render (an expression error, a key too long). */
export class RunConcurrencyKeyFailed extends Error {
  override readonly name = 'RunConcurrencyKeyFailed';
}

/**
 * Renders a new run's workflow concurrency key (ADR 0027) from its input,
 * through the same expression evaluation as task keys, and puts it on the
 * run row, tenant-qualified, with the limit and onLimit: such a run is
 * inserted 'queued' and admission decides when it starts.
 */
@Injectable()
export class RunConcurrencyKeyService {
  constructor(private readonly expressions: ExpressionEvaluator) {}

  async assign(workflow: CompiledWorkflow, run: NewRunRow): Promise<void> {
    const setting = workflow.plan.definition.concurrency;
    if (!setting) return;
    let key: string;
    try {
      const rendered = await this.expressions.renderTemplate(setting.key, {
        run: { id: run.id, input: run.input as JsonValue, tenant: run.tenant },
        tasks: {},
      });
      key = qualifiedConcurrencyKey(run.tenant, rendered);
    } catch (error) {
      if (error instanceof ExpressionPoolClosed) throw error;
      throw new RunConcurrencyKeyFailed(
        `the concurrency key of ${workflow.name} v${workflow.version} did not render: ${(error as Error).message}`,
      );
    }
    Object.assign(run, {
      concurrencyKey: key,
      concurrencyLimit: setting.limit,
      concurrencyOnLimit: setting.onLimit ?? 'queue',
    });
  }
}
