/**
 * Where a child's CPU went, from the `.cpuprofile` that `--cpu-prof` writes:
 * the top functions by self time and the same time summed by package.
 *
 *   node bench/dist/profile-summary.js PROFILE [--result RESULT.json --phase fixedRate|fixedRateFresh|fixedRateHigh|fixedRateModerate] [--top 30]
 *
 * With a result and a phase, only the samples inside that phase count (V8's
 * timestamps and the bench's `monotonicWindowUs` share CLOCK_MONOTONIC), so
 * start-up and warm-up do not drown the phase. Idle time is left out of the
 * shares. V8 samples wall time: on a machine busier than its cores, a thread
 * descheduled in the middle of a function still collects samples there, so
 * read the shares as a ranking and the /proc CPU rows for the amounts.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    result: { type: 'string' },
    phase: { type: 'string', default: 'fixedRate' },
    top: { type: 'string', default: '30' },
  },
});

const window = values.result ? phaseWindow(values.result, values.phase) : undefined;
for (const file of positionals) summarize(file);

function phaseWindow(file: string, phase: string): [number, number] {
  const result = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
    extra?: Record<string, unknown>;
  };
  const found = (result[phase] ?? result.extra?.[phase]) as { monotonicWindowUs?: [number, number] } | undefined;
  if (!found?.monotonicWindowUs) throw new Error(`${file} has no monotonicWindowUs for phase ${phase}`);
  return found.monotonicWindowUs;
}

function summarize(file: string): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    time += delta;
    if (window && (time < window[0] || time > window[1])) continue;
    selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + delta);
  }
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  // Time under each of the project's own functions (apps/, libs/), counted once per stack however deep it recurses.
  const ownTotal = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    busy += us;
    const name = nameOf(frame);
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const pkg = packageOf(frame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const caller = byId.get(at)!.callFrame;
      if (!/\/(apps|libs)\//.test(caller.url)) continue;
      const callerName = nameOf(caller);
      if (seen.has(callerName)) continue;
      seen.add(callerName);
      ownTotal.set(callerName, (ownTotal.get(callerName) ?? 0) + us);
    }
  }
  const top = Number(values.top);
  const line = ([name, us]: [string, number]) =>
    `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}`;
  process.stdout.write(
    `\n== ${file}${window ? ` (phase ${values.phase})` : ''}: ${(busy / 1000).toFixed(0)} ms busy\n` +
      `-- by package\n${sorted(byPackage).slice(0, top).map(line).join('\n')}\n` +
      `-- by function (self time)\n${sorted(byFunction).slice(0, top).map(line).join('\n')}\n` +
      `-- the project's own functions (total time, callees included)\n${sorted(ownTotal).slice(0, top).map(line).join('\n')}\n`,
  );
}

function nameOf(frame: ProfileNode['callFrame']): string {
  const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'} ${where}`.trim();
}

function sorted(map: Map<string, number>): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1]);
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const repo = url.search(/\/(apps|libs)\//);
  return repo >= 0 ? url.slice(repo + 1) : url.replace(/^file:\/\//, '');
}

function packageOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const repo = /\/((apps|libs)\/[^/]+)\//.exec(url);
  return repo ? repo[1]! : url;
}
