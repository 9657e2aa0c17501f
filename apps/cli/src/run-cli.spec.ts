import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

/** The CLI in-process against a real local HTTP server: where it connects and which key it sends. */
describe('taskloom connection settings', () => {
  const seen: (string | undefined)[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[],"nextCursor":null}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    seen.length = 0;
  });

  async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
    let out = '';
    const io: CliIo = {
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (out += text) },
      env,
      cwd: process.cwd(),
      exitCode: 0,
    };
    return { code: await runCli(args, io), out };
  }

  it('reads TASKLOOM_URL and TASKLOOM_API_KEY, and the flags win over them', async () => {
    expect(await cli(['runs', 'ls', '--json'], { TASKLOOM_URL: url, TASKLOOM_API_KEY: 'tlk_env' })).toEqual({
      code: 0,
      out: '{"items":[],"nextCursor":null}\n',
    });
    await cli(['--url', url, '--api-key', 'tlk_flag', 'runs', 'ls', '--json'], {
      TASKLOOM_URL: 'http://127.0.0.1:1',
      TASKLOOM_API_KEY: 'tlk_env',
    });
    await cli(['runs', 'ls', '--json', '--url', url]);
    expect(seen).toEqual(['Bearer tlk_env', 'Bearer tlk_flag', undefined]);
  });

  it('never prints the key in --help, and answers 3 with one line for a usage mistake', async () => {
    const help = await cli(['--help'], { TASKLOOM_API_KEY: 'tlk_secret' });
    expect(help.code).toBe(0);
    expect(help.out).toContain('--api-key <key>');
    expect(help.out).not.toContain('tlk_secret');
    const wrong = await cli(['runs', 'ls', '--status', 'sideways', '--url', url]);
    expect(wrong.code).toBe(3);
    expect(wrong.out).toMatch(/option '--status <status>' argument 'sideways' is invalid/);
    expect(seen).toEqual([]);
  });
});
