import pc from 'picocolors';
import type { OutputStream } from '../cli-io';

export type Colours = ReturnType<typeof pc.createColors>;

/** Colours only on a terminal, and never with NO_COLOR. */
export function coloursFor(stream: OutputStream, env: Record<string, string | undefined>): Colours {
  return pc.createColors(stream.isTTY === true && !env.NO_COLOR);
}

/** A status word coloured by what it means. */
export function paintStatus(colours: Colours, status: string): string {
  if (status === 'succeeded') return colours.green(status);
  if (status === 'failed') return colours.red(status);
  if (status === 'cancelled' || status === 'skipped') return colours.yellow(status);
  if (status === 'running') return colours.cyan(status);
  return colours.dim(status);
}
