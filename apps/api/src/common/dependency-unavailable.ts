/** PostgreSQL or Redis could not be reached: the request may succeed if retried a little later. */
export class DependencyUnavailableError extends Error {
  /** What the client is told to wait, in the Retry-After header. */
  readonly retryAfterSeconds = 5;

  constructor(
    readonly dependency: 'PostgreSQL' | 'Redis' | 'PostgreSQL or Redis',
    readonly reason: string,
  ) {
    super(`${dependency} is unavailable (${reason}); retry later`);
    this.name = 'ServiceUnavailable';
  }
}

/** Socket-level failures of a connection to PostgreSQL or Redis. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);
/**
 * PostgreSQL's SQLSTATEs for a server that is going away or not there yet:
 * class 08 (connection exception), 57P01-57P03 (admin/crash shutdown,
 * cannot connect now), 53300 (too many connections).
 */
const POSTGRES_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
/** What pg and pg-pool say, without a code, when the server or the pool cannot serve a query. */
const POSTGRES_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connection error and is not queryable|Cannot use a pool after calling end/i;
/** What ioredis says when Redis cannot be reached and a command gives up. */
const REDIS_MESSAGES =
  /Connection is closed|Stream isn't writeable|Reached the max retries per request limit|connect ETIMEDOUT/i;

/**
 * The DependencyUnavailableError an error means, if it says PostgreSQL or
 * Redis is unreachable — looking through the wrappers TypeORM (driverError),
 * `cause` chains and dual-stack AggregateErrors put around it — else
 * undefined. A query that fails for any other reason stays a 500.
 */
export function dependencyUnavailable(error: unknown): DependencyUnavailableError | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    if (current instanceof DependencyUnavailableError) return current;
    const found = classify(current as ErrorShape);
    if (found) return found;
    const { driverError, cause, errors } = current as ErrorShape;
    queue.push(driverError, cause, ...(Array.isArray(errors) ? errors : []));
  }
  return undefined;
}

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function classify(error: ErrorShape): DependencyUnavailableError | undefined {
  const code = typeof error.code === 'string' ? error.code : '';
  const message = typeof error.message === 'string' ? error.message : '';
  const name = typeof error.name === 'string' ? error.name : '';
  if (name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.test(message)) {
    return new DependencyUnavailableError('Redis', message || name);
  }
  if (POSTGRES_UNAVAILABLE.test(code) || POSTGRES_MESSAGES.test(message)) {
    return new DependencyUnavailableError('PostgreSQL', code || message);
  }
  // A bare socket error: pg and ioredis both raise these.
  if (NETWORK_CODES.has(code)) return new DependencyUnavailableError('PostgreSQL or Redis', code);
  return undefined;
}
