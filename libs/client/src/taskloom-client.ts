import createClient, { type Client } from 'openapi-fetch';
import type {
  BackfillResult,
  CreateSchedule,
  PublishedEvent,
  RegisteredWorkflow,
  ReplaceSchedule,
  Run,
  RunControlResult,
  RunList,
  RunQuery,
  Schedule,
  ScheduleList,
  SentSignal,
  StartRun,
  StartedRun,
  TaskLogs,
  TaskTypeList,
  WorkflowDefinition,
  WorkflowDetail,
  WorkflowList,
  WorkflowVersion,
  paths,
  Schemas,
} from './api-types';
import type { JsonValue } from '../generated/openapi';
import type { TaskloomClientOptions, WaitOptions, WatchOptions } from './client-options';
import { apiErrorFrom } from './errors/api-error-from';
import { retryingFetch } from './http/retrying-fetch';
import { DEFAULT_RETRY_POLICY } from './http/retry-policy';
import { waitForRun, watchRun } from './runs/watch-run';

type RunAction = 'cancel' | 'pause' | 'resume' | 'retry';

/** What openapi-fetch answers: data on success, the parsed error body otherwise. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The Taskloom HTTP API, typed from docs/openapi.json. Every method throws
 * a TaskloomApiError subclass for an error status (NotFoundError,
 * BadRequestError, ...) and a TaskloomConnectionError when nothing answers;
 * 429 and 503 are retried first (see RetryPolicy). `http` is the underlying
 * openapi-fetch client, for any operation without a method here.
 */
export class TaskloomClient {
  readonly http: Client<paths>;
  readonly baseUrl: string;

  constructor(options: TaskloomClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.http = createClient<paths>({
      baseUrl: this.baseUrl,
      fetch: retryingFetch(policy, options.fetch),
      headers: {
        ...options.headers,
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
    });
  }

  /** Registers a definition: `created` is false when it was identical to the latest version (200, not 201). */
  async registerWorkflow(definition: WorkflowDefinition): Promise<RegisteredWorkflow & { created: boolean }> {
    const answer = await this.http.POST('/api/v1/workflows', { body: definition });
    return { ...ok<RegisteredWorkflow>(answer), created: answer.response.status === 201 };
  }

  async listWorkflows(): Promise<WorkflowList> {
    return ok(await this.http.GET('/api/v1/workflows'));
  }

  /** The latest version, with the list of every version. */
  async getWorkflow(name: string): Promise<WorkflowDetail> {
    return ok(await this.http.GET('/api/v1/workflows/{name}', { params: { path: { name } } }));
  }

  async getWorkflowVersion(name: string, version: number): Promise<WorkflowVersion> {
    return ok(
      await this.http.GET('/api/v1/workflows/{name}/versions/{version}', { params: { path: { name, version } } }),
    );
  }

  /** Starts a run; `created` is false when an idempotency key matched an earlier run. */
  async startRun(workflow: string, body: StartRun = {}): Promise<StartedRun & { created: boolean }> {
    const answer = await this.http.POST('/api/v1/workflows/{name}/runs', {
      params: { path: { name: workflow } },
      body: { input: {}, ...body },
    });
    return { ...ok<StartedRun>(answer), created: answer.response.status === 201 };
  }

  async getRun(id: string): Promise<Run> {
    return ok(await this.http.GET('/api/v1/runs/{id}', { params: { path: { id } } }));
  }

  /** One page of runs, newest first; pass `nextCursor` back as `cursor` for the next. */
  async listRuns(query: RunQuery = {}): Promise<RunList> {
    return ok(await this.http.GET('/api/v1/runs', { params: { query } }));
  }

  /** A task's log lines, by attempt; `index` picks one forEach item. */
  async taskLogs(runId: string, key: string, index?: number): Promise<TaskLogs> {
    return ok(
      await this.http.GET('/api/v1/runs/{id}/tasks/{key}/logs', {
        params: { path: { id: runId, key }, query: index === undefined ? {} : { index } },
      }),
    );
  }

  cancelRun(id: string): Promise<RunControlResult> {
    return this.control(id, 'cancel');
  }

  pauseRun(id: string): Promise<RunControlResult> {
    return this.control(id, 'pause');
  }

  resumeRun(id: string): Promise<RunControlResult> {
    return this.control(id, 'resume');
  }

  /** Reruns the failed and skipped tasks of a failed run. */
  retryRun(id: string): Promise<RunControlResult> {
    return this.control(id, 'retry');
  }

  async listTaskTypes(): Promise<TaskTypeList> {
    return ok(await this.http.GET('/api/v1/task-types'));
  }

  /** Snapshots of the run each time it changes, the terminal one (succeeded, failed, cancelled) last. */
  watchRun(id: string, options: WatchOptions = {}): AsyncGenerator<Run, void, undefined> {
    return watchRun((runId) => this.getRun(runId), id, options);
  }

  /** The run once it is terminal. */
  waitForRun(id: string, options: WaitOptions = {}): Promise<Run> {
    return waitForRun((runId) => this.getRun(runId), id, options);
  }

  /** One page of schedules in name order; pass `nextCursor` back as `cursor` for the next. */
  async listSchedules(query: { limit?: number; cursor?: string } = {}): Promise<ScheduleList> {
    return ok(await this.http.GET('/api/v1/schedules', { params: { query } }));
  }

  /** A schedule with its next fire times and latest runs. */
  async getSchedule(name: string): Promise<Schedule> {
    return ok(await this.http.GET('/api/v1/schedules/{name}', { params: { path: { name } } }));
  }

  async createSchedule(schedule: CreateSchedule): Promise<Schedule> {
    // The API fills in the defaults the generated (parsed) type lists as required.
    return ok(await this.http.POST('/api/v1/schedules', { body: schedule as Schemas['CreateSchedule'] }));
  }

  /** Replaces every field: one left out gets its default again. */
  async replaceSchedule(name: string, schedule: ReplaceSchedule): Promise<Schedule> {
    return ok(
      await this.http.PUT('/api/v1/schedules/{name}', {
        params: { path: { name } },
        body: schedule as Schemas['ReplaceSchedule'],
      }),
    );
  }

  async deleteSchedule(name: string): Promise<void> {
    ok(await this.http.DELETE('/api/v1/schedules/{name}', { params: { path: { name } } }));
  }

  async pauseSchedule(name: string): Promise<Schedule> {
    return ok(await this.http.POST('/api/v1/schedules/{name}/pause', { params: { path: { name } } }));
  }

  /** Fires from now on: fire times that passed while paused are not caught up. */
  async resumeSchedule(name: string): Promise<Schedule> {
    return ok(await this.http.POST('/api/v1/schedules/{name}/resume', { params: { path: { name } } }));
  }

  /** Starts one run now, outside the fire times. */
  async triggerSchedule(name: string): Promise<StartedRun> {
    return ok(await this.http.POST('/api/v1/schedules/{name}/trigger', { params: { path: { name } } }));
  }

  /** One run per fire time in [from, to] (ISO 8601 instants); a fire time that has its run keeps it. */
  async backfillSchedule(name: string, window: { from: string; to: string }): Promise<BackfillResult> {
    return ok(await this.http.POST('/api/v1/schedules/{name}/backfill', { params: { path: { name } }, body: window }));
  }

  /** Sends a signal to a run: delivered to a waiting task, kept for the next, or a duplicate of `signalId`. */
  async sendSignal(runId: string, name: string, body: { payload: JsonValue; signalId?: string }): Promise<SentSignal> {
    return ok(
      await this.http.POST('/api/v1/runs/{id}/signals/{name}', { params: { path: { id: runId, name } }, body }),
    );
  }

  /** Publishes an event: the runs it started (the same idempotencyKey again answers the earlier event's). */
  async publishEvent(body: { name: string; payload: JsonValue; idempotencyKey?: string }): Promise<PublishedEvent> {
    return ok(await this.http.POST('/api/v1/events', { body }));
  }

  private async control(id: string, action: RunAction): Promise<RunControlResult> {
    const path = `/api/v1/runs/{id}/${action}` as const;
    return ok(await this.http.POST(path, { params: { path: { id } } }));
  }
}

function ok<T>(answer: Answer<T>): T {
  if (answer.error !== undefined || !answer.response.ok) throw apiErrorFrom(answer.response, answer.error);
  return answer.data as T;
}
