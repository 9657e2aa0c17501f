import { Agent, request } from 'node:http';
import { sleep } from './timing';

export interface HttpAnswer {
  status: number;
  body: string;
}

/** Keep-alive JSON over node:http: no extra dependency, and sockets are reused so latency is the API's, not TCP setup. */
export class HttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly base: URL,
    connections: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  send(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    return this.attempt(method, path, body === undefined ? undefined : JSON.stringify(body), true);
  }

  private attempt(method: string, path: string, payload: string | undefined, mayRetry: boolean): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          agent: this.agent,
          headers:
            payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        // The server closed an idle keep-alive socket just as it was reused:
        // the request never reached it, so one retry is what any client does
        // (the pattern the Node docs give for req.reusedSocket).
        if (mayRetry && req.reusedSocket && error.code === 'ECONNRESET') {
          this.attempt(method, path, payload, false).then(resolve, reject);
        } else {
          reject(error);
        }
      });
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Answers by status; "error" counts requests that got no HTTP answer at all. */
export type StatusCounts = Record<string, number>;

export interface SubmitResult {
  created: number;
  statuses: StatusCounts;
  /** One example body per non-201 status, to say why. */
  samples: Record<string, string>;
  seconds: number;
}

/**
 * Closed loop, for throughput: `workers` requests in flight at all times,
 * each sending the next as soon as its answer arrives, so the API takes
 * runs as fast as it can.
 */
export async function submitAll(
  count: number,
  workers: number,
  send: (i: number) => Promise<HttpAnswer>,
  onProgress: (done: number) => void,
): Promise<SubmitResult> {
  const result: SubmitResult = { created: 0, statuses: {}, samples: {}, seconds: 0 };
  const startedAt = performance.now();
  let next = 0;
  let done = 0;
  const loop = async () => {
    while (next < count) {
      const i = next++;
      record(result, await answerOrError(send(i)));
      onProgress(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, count) }, loop));
  result.seconds = (performance.now() - startedAt) / 1000;
  return result;
}

export interface FixedRateResult extends SubmitResult {
  offered: number;
  /** Milliseconds from each request's scheduled time to its answer. */
  latenciesMs: number[];
  /** Worst delay between a request's schedule and its actual send: the bench's own lag. */
  maxSendLagMs: number;
}

/**
 * Open loop, for latency: request i is due at start + i/rate whatever the
 * earlier answers do, and its latency counts from when it was due. A slow
 * answer therefore shows up in the percentiles instead of quietly lowering
 * the offered load (coordinated omission).
 */
export async function submitAtRate(
  rate: number,
  seconds: number,
  send: (i: number) => Promise<HttpAnswer>,
  onProgress: (sent: number) => void,
): Promise<FixedRateResult> {
  const total = Math.round(rate * seconds);
  const result: FixedRateResult = {
    created: 0,
    statuses: {},
    samples: {},
    seconds: 0,
    offered: total,
    latenciesMs: [],
    maxSendLagMs: 0,
  };
  const inFlight: Promise<void>[] = [];
  const startedAt = performance.now();
  let i = 0;
  while (i < total) {
    const now = performance.now();
    // Catch up on everything due: a late timer must not lower the rate.
    while (i < total && startedAt + (i * 1000) / rate <= now) {
      const dueAt = startedAt + (i * 1000) / rate;
      result.maxSendLagMs = Math.max(result.maxSendLagMs, now - dueAt);
      inFlight.push(
        answerOrError(send(i)).then((answer) => {
          result.latenciesMs.push(performance.now() - dueAt);
          record(result, answer);
        }),
      );
      i += 1;
    }
    onProgress(i);
    if (i < total) await sleep(Math.max(0, startedAt + (i * 1000) / rate - performance.now()));
  }
  await Promise.all(inFlight);
  result.seconds = (performance.now() - startedAt) / 1000;
  return result;
}

async function answerOrError(pending: Promise<HttpAnswer>): Promise<HttpAnswer | Error> {
  try {
    return await pending;
  } catch (error) {
    return error as Error;
  }
}

function record(result: SubmitResult, answer: HttpAnswer | Error): void {
  const key = answer instanceof Error ? 'error' : String(answer.status);
  result.statuses[key] = (result.statuses[key] ?? 0) + 1;
  if (key === '201') result.created += 1;
  else result.samples[key] ??= (answer instanceof Error ? answer.message : answer.body).slice(0, 300);
}
