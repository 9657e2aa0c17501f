import { createServer, type Server, type ServerResponse } from 'node:http';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TASKLOOM_CONFIG, type TaskloomConfig } from '@taskloom/config';
import { METRICS_CONTENT_TYPE, scrapeMetrics } from './metrics-registry';

/**
 * The router and the executor serve no HTTP API, so they expose /metrics on
 * a listener of their own at METRICS_PORT, with the probes an orchestrator
 * needs: `/health` (the process answers) and `/health/ready` (every module
 * started, and not shutting down). Off unless set: two processes on one host would
 * otherwise fight over a default port.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server: Server | undefined;
  private ready = false;

  constructor(@Inject(TASKLOOM_CONFIG) private readonly config: TaskloomConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.metrics.port;
    if (port === undefined) return;
    const server = createServer((request, response) => {
      const path = request.url?.split('?')[0];
      if (request.method !== 'GET') {
        response.writeHead(404).end();
      } else if (path === '/health') {
        respondJson(response, 200, { status: 'ok' });
      } else if (path === '/health/ready') {
        respondJson(response, this.ready ? 200 : 503, { status: this.ready ? 'ok' : 'unavailable' });
      } else if (path !== '/metrics') {
        response.writeHead(404).end();
      } else {
        this.serveMetrics(response);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.config.http.host, resolve);
    });
    this.server = server;
    this.logger.log(`serving metrics and health probes on http://${this.config.http.host}:${port}`);
  }

  /** Called by the process once every module has started (after `app.init()`). */
  markReady(): void {
    this.ready = true;
  }

  beforeApplicationShutdown(): void {
    this.ready = false;
  }

  private serveMetrics(response: ServerResponse): void {
    scrapeMetrics().then(
      (body) => response.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(body),
      (error: Error) => response.writeHead(500).end(error.message),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise((resolve) => server.close(resolve));
  }
}

function respondJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
