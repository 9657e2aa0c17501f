import { Injectable } from '@nestjs/common';
import { RunViewRepository } from '@taskloom/persistence';
import { isoOrNull } from './present-run';
import type { AttemptBarsView, ChildRunsView } from './run-views.schemas';
import { RunsService } from './runs.service';

/** The run's surroundings for the dashboard's run page: the sub-workflow runs it started and its attempts. */
@Injectable()
export class RunViewsService {
  constructor(
    private readonly runs: RunsService,
    private readonly views: RunViewRepository,
  ) {}

  async children(runId: string, limit: number, tenant: string): Promise<ChildRunsView> {
    await this.runs.assertVisible(runId, tenant);
    const rows = await this.views.childrenOf(runId, limit + 1);
    return {
      items: rows.slice(0, limit).map((row) => ({
        taskKey: row.taskKey,
        ...(row.itemIndex === null ? {} : { index: row.itemIndex }),
        id: row.id,
        workflow: row.workflowName,
        version: row.workflowVersion,
        // Written by the orchestrator only, in the shape the view names.
        status: row.status as ChildRunsView['items'][number]['status'],
        createdAt: row.createdAt.toISOString(),
        finishedAt: isoOrNull(row.finishedAt),
      })),
      truncated: rows.length > limit,
    };
  }

  async attempts(runId: string, limit: number, tenant: string): Promise<AttemptBarsView> {
    await this.runs.assertVisible(runId, tenant);
    const rows = await this.views.attemptsOf(runId, limit + 1);
    return {
      items: rows.slice(0, limit).map((row) => ({
        ...row,
        startedAt: isoOrNull(row.startedAt),
        finishedAt: row.finishedAt.toISOString(),
      })),
      truncated: rows.length > limit,
    };
  }
}
