import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { TaskloomConfig } from '@taskloom/config';

/**
 * Route parameters (workflow names, task keys, queue names) are as long as
 * a request line may be; Fastify's default of 100 characters would answer
 * 414 to a valid workflow name of 128.
 */
const MAX_PARAM_LENGTH = 16 * 1024;

/**
 * The HTTP server of the API, in the api process and the standalone one:
 * Fastify, for its lower CPU per request (docs/adr/0007). It computes no
 * ETags (answers are live run state that no client revalidates) and logs
 * nothing per request. `/runs/` matches `/runs`, as it did on Express.
 */
export function createHttpAdapter(config: TaskloomConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
  });
}
