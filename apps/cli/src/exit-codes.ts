import type { RunStatus } from '@taskloom/client';

/**
 * What `run --wait` and `runs watch` exit with: scripts branch on the
 * outcome. Anything else that stops the CLI (a usage mistake, an error from
 * the api, no api at all) is ERROR, so it cannot pass for a failed run.
 */
export const EXIT = { succeeded: 0, failed: 1, cancelled: 2, error: 3 } as const;

export function exitCodeFor(status: RunStatus): number {
  if (status === 'succeeded') return EXIT.succeeded;
  if (status === 'cancelled') return EXIT.cancelled;
  return EXIT.failed;
}
