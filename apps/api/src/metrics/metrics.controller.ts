import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { METRICS_CONTENT_TYPE, scrapeMetrics } from '@taskloom/telemetry';
import { Public } from '../auth/public.decorator';

/**
 * Prometheus scrapes this without an API key, like the health probes: it
 * carries aggregate counts only, never run data. In the standalone process
 * it also holds the router's and the executor's metrics (one registry).
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', METRICS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return scrapeMetrics();
  }
}
