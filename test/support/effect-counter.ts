import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP endpoint that tasks call (http.request) to make an effect
 * visible: it counts the calls per path, so a test can tell how many times
 * a task's handler really ran. `/slow/...` answers after `slowMs`;
 * `/held/...` answers only once the test calls `release()`, so a task can
 * hold its executor slot for as long as a test needs, however slowly the
 * machine runs, where a fixed delay could end first.
 */
/** The answers of `/held/...` calls not yet given, and whether later ones are answered at once. */
interface Held {
  answers: (() => void)[];
  released: boolean;
}

export class EffectCounter {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly hits: Map<string, number>,
    private readonly held: Held,
  ) {}

  static async start(options: { slowMs?: number } = {}): Promise<EffectCounter> {
    const hits = new Map<string, number>();
    const slowMs = options.slowMs ?? 0;
    const held: Held = { answers: [], released: false };
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0]!;
      hits.set(path, (hits.get(path) ?? 0) + 1);
      request.resume();
      const answer = () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ path }));
      };
      if (path.startsWith('/slow/')) setTimeout(answer, slowMs);
      else if (path.startsWith('/held/') && !held.released) held.answers.push(answer);
      else answer();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new EffectCounter(server, `http://127.0.0.1:${port}`, hits, held);
  }

  /** Answers the `/held/...` calls waiting, and every later one at once. */
  release(): void {
    this.held.released = true;
    for (const answer of this.held.answers.splice(0)) answer();
  }

  count(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  /** Every path called, with how many times. */
  all(): ReadonlyMap<string, number> {
    return this.hits;
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
