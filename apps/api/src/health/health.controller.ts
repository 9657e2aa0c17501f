import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DatabasePool } from '@taskloom/persistence';
import { REDIS_CONNECTION, type RedisConnection } from '@taskloom/queue';
import { Public } from '../auth/public.decorator';

const CHECK_TIMEOUT_MS = 2_000;

/** Liveness says the process answers; readiness says it can reach PostgreSQL and Redis. Probes carry no key. */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabasePool,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CONNECTION) private readonly redis: RedisConnection,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers', security: [] })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis are reachable', security: [] })
  @HealthCheck()
  ready() {
    return this.health.check([
      () =>
        this.indicators
          .check('postgres')
          .attempt(() => this.database.ping())
          .withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            await this.redis.ping();
          })
          .withTimeout(CHECK_TIMEOUT_MS),
    ]);
  }
}
