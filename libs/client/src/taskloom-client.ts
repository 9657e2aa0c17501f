import createClient, { type Client } from 'openapi-fetch';
import type {
  RegisteredWorkflow,
  Run,
  RunControlResult,
  RunList,
  RunQuery,
  StartRun,
  StartedRun,
  TaskLogs,
  TaskTypeList,
  WorkflowDefinition,
  WorkflowDetail,
  WorkflowList,
  WorkflowVersion,
  paths,
} from './api-types';
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

  private async control(id: string, action: RunAction): Promise<RunControlResult> {
    const path = `/api/v1/runs/{id}/${action}` as const;
    return ok(await this.http.POST(path, { params: { path: { id } } }));
  }
}

function ok<T>(answer: Answer<T>): T {
  if (answer.error !== undefined || !answer.response.ok) throw apiErrorFrom(answer.response, answer.error);
  return answer.data as T;
}
