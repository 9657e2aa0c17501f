import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthGuard } from './auth.guard';
import { BootstrapAdminKey } from './bootstrap-admin-key';
import { RATE_LIMIT_WINDOW_MS, RateLimitGuard } from './rate-limit.guard';

/**
 * API keys, scopes, tenants and rate limits. The two global guards run in
 * this order: AuthGuard names the caller, then RateLimitGuard counts them.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [TASKLOOM_CONFIG],
      // API_RATE_LIMIT=0 skips before anything is counted, so load tests measure Taskloom, not the limiter.
      useFactory: ({ api }: TaskloomConfig) => ({
        throttlers: [{ ttl: RATE_LIMIT_WINDOW_MS, limit: api.rateLimitPerMinute }],
        skipIf: () => api.rateLimitPerMinute === 0,
      }),
    }),
  ],
  controllers: [ApiKeysController],
  providers: [
    ApiKeyAuthenticator,
    ApiKeysService,
    BootstrapAdminKey,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [ApiKeyAuthenticator],
})
export class AuthModule {}
