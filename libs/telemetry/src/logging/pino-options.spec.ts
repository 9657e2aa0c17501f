import { Writable } from 'node:stream';
import pino from 'pino';
import { pinoOptions, wantsPretty } from './pino-options';

function capture(level: string): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = pino(pinoOptions({ level, format: 'json', service: 'test' }, false), sink);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('log options', () => {
  it('is pretty on a terminal unless told otherwise, and JSON lines everywhere else', () => {
    expect(wantsPretty('auto', true)).toBe(true);
    expect(wantsPretty('auto', false)).toBe(false);
    expect(wantsPretty('json', true)).toBe(false);
    expect(wantsPretty('pretty', false)).toBe(true);
    expect(pinoOptions({ level: 'info', format: 'auto', service: 's' }, true).transport).toMatchObject({
      target: 'pino-pretty',
    });
    expect(pinoOptions({ level: 'info', format: 'auto', service: 's' }, false).transport).toBeUndefined();
  });

  it("moves Nest's wiring lines (modules, routes) from info to debug, and keeps everything else", () => {
    const info = capture('info');
    info.logger.info({ context: 'RouterExplorer' }, 'Mapped {/api/v1/runs, GET} route');
    info.logger.info({ context: 'InstanceLoader' }, 'ApiModule dependencies initialized');
    info.logger.info({ context: 'taskloom-api' }, 'taskloom-api listening on 3000');
    info.logger.warn({ context: 'RouterExplorer' }, 'a warning stays a warning');
    expect(info.lines().map((line) => [line.level, line.msg, line.service])).toEqual([
      [30, 'taskloom-api listening on 3000', 'test'],
      [40, 'a warning stays a warning', 'test'],
    ]);

    const debug = capture('debug');
    debug.logger.info({ context: 'RoutesResolver' }, 'RunsController {/api/v1/runs}');
    expect(debug.lines()).toEqual([expect.objectContaining({ level: 20, context: 'RoutesResolver' })]);
  });
});
