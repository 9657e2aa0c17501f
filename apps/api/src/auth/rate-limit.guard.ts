import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { RateLimitedError } from './auth.errors';
import type { AuthenticatedRequest } from './principal';
import { PUBLIC_ROUTE } from './public.decorator';

export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * API_RATE_LIMIT requests per minute per API key (per client IP when auth
 * is off), counted across all routes together and in this process's memory.
 * Runs after the AuthGuard, which put the key on the request.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(
      this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) === true,
    );
  }

  protected override getTracker(request: AuthenticatedRequest): Promise<string> {
    const keyId = request.principal?.keyId;
    return keyId ? Promise.resolve(`key:${keyId}`) : super.getTracker(request);
  }

  /** One budget per caller for the whole API, not one per route. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    throw new RateLimitedError(
      `more than ${limit.limit} requests in ${limit.ttl / 1000} s (API_RATE_LIMIT); retry after ${limit.timeToBlockExpire} s`,
      limit.timeToBlockExpire,
    );
  }
}
