import { readFileSync } from 'node:fs';

const SAMPLE_MS = 1_000;

export interface RssSeries {
  /** Mean resident set size over the first and the last tenth of the samples, MiB. */
  startMb: number;
  endMb: number;
  maxMb: number;
  minMb: number;
  /** endMb / startMb − 1, in %: flat memory stays near 0. */
  changePercent: number;
  samples: number;
}

/**
 * The current resident set size (VmRSS) of each named process, once a
 * second, while something runs: where peak RSS (VmHWM) says how high a
 * process went, the series says whether it kept growing.
 */
export class RssSampler {
  private readonly series = new Map<string, number[]>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: ReadonlyMap<number, string>) {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  stop(): Record<string, RssSeries> {
    clearInterval(this.timer);
    this.sample();
    return Object.fromEntries([...this.series].map(([name, values]) => [name, summarize(values)]));
  }

  private sample(): void {
    for (const [pid, name] of this.pids) {
      const kb = rssKb(pid);
      if (kb === undefined) continue;
      const values = this.series.get(name) ?? [];
      values.push(kb / 1024);
      this.series.set(name, values);
    }
  }
}

function rssKb(pid: number): number | undefined {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return undefined; // Exited.
  }
}

function summarize(values: number[]): RssSeries {
  const tenth = Math.max(1, Math.floor(values.length / 10));
  const mean = (part: number[]) => part.reduce((sum, value) => sum + value, 0) / part.length;
  const startMb = mean(values.slice(0, tenth));
  const endMb = mean(values.slice(-tenth));
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    startMb: round(startMb),
    endMb: round(endMb),
    maxMb: round(Math.max(...values)),
    minMb: round(Math.min(...values)),
    changePercent: round((endMb / startMb - 1) * 100),
    samples: values.length,
  };
}
