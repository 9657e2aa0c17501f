import { Logger } from '@nestjs/common';
import { PacedProbe } from './paced-probe';

/** A probe that records when it ran and answers the next pace from a script; `hold` keeps a run in flight. */
function scriptedProbe(paces: number[]) {
  const runs: number[] = [];
  let release: (() => void) | undefined;
  let holding = false;
  const probe = async (): Promise<number> => {
    runs.push(Date.now());
    if (holding) await new Promise<void>((resolve) => (release = resolve));
    const pace = paces.shift();
    if (pace === undefined) throw new Error('no pace scripted');
    return pace;
  };
  return {
    probe,
    runs,
    hold: () => (holding = true),
    release: () => {
      holding = false;
      release?.();
    },
  };
}

describe('PacedProbe', () => {
  const logger = new Logger('test');
  let errors: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    errors = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.useRealTimers());

  it('runs at once, then at the pace each run answers', async () => {
    const script = scriptedProbe([100, 1_000, 10_000]);
    const probe = new PacedProbe('probe', script.probe, logger);
    probe.start({ afterFailureMs: 50 });
    await jest.advanceTimersByTimeAsync(5_000);
    expect(script.runs).toEqual([0, 100, 1_100]);
    await probe.stop();
  });

  it('soon() brings a later run forward and never puts an earlier one back', async () => {
    const script = scriptedProbe([10_000, 10_000, 10_000]);
    const probe = new PacedProbe('probe', script.probe, logger);
    probe.start({ afterFailureMs: 50 });
    await jest.advanceTimersByTimeAsync(1_000);
    probe.soon(200);
    probe.soon(500);
    await jest.advanceTimersByTimeAsync(300);
    expect(script.runs).toEqual([0, 1_200]);
    await probe.stop();
  });

  it('keeps a request made during a run for right after it', async () => {
    const script = scriptedProbe([10_000, 10_000]);
    script.hold();
    const probe = new PacedProbe('probe', script.probe, logger);
    probe.start({ afterFailureMs: 50 });
    await jest.advanceTimersByTimeAsync(0);
    probe.soon(100);
    await jest.advanceTimersByTimeAsync(500);
    expect(script.runs).toEqual([0]);
    script.release();
    await jest.advanceTimersByTimeAsync(0);
    expect(script.runs).toEqual([0, 500]);
    await probe.stop();
  });

  it('logs a failed run and tries again after the failure pause; runs no more once stopped', async () => {
    const script = scriptedProbe([]);
    const probe = new PacedProbe('probing', script.probe, logger);
    probe.start({ afterFailureMs: 50 });
    await jest.advanceTimersByTimeAsync(120);
    expect(script.runs).toEqual([0, 50, 100]);
    expect(errors).toHaveBeenCalledWith('probing failed: no pace scripted');
    await probe.stop();
    probe.soon(0);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(script.runs).toHaveLength(3);
  });
});
