import { HttpClient, type HttpAnswer } from './http-load';

/**
 * Several api processes behind one client, as a load balancer would put
 * them: each request goes to the next api in turn, each api with its own
 * keep-alive sockets (`--connections` split between them).
 */
export class RoundRobinClient extends HttpClient {
  private next = 0;

  constructor(private readonly clients: readonly HttpClient[]) {
    // The base class's own agent is never used: every request goes to one of `clients`.
    super(new URL('http://127.0.0.1'), 1);
    if (clients.length === 0) throw new Error('RoundRobinClient needs at least one api');
  }

  override send(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    const client = this.clients[this.next]!;
    this.next = (this.next + 1) % this.clients.length;
    return client.send(method, path, body);
  }

  override close(): void {
    super.close();
    for (const client of this.clients) client.close();
  }
}
