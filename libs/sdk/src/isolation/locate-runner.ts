import { existsSync } from 'node:fs';
import path from 'node:path';
import { TaskHostConfigError } from '../errors/sdk-errors';

/**
 * The compiled entry file of a runner (thread-runner.js, process-runner.js).
 * Next to this file in a built SDK; when the SDK itself runs from TypeScript
 * sources (ts-jest, swc, tsx), in the package's dist/ folder instead, since
 * worker threads and child processes load plain JavaScript.
 */
export function locateRunner(file: string): string {
  const candidates = [path.join(__dirname, file), path.resolve(__dirname, '..', '..', 'dist', 'isolation', file)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found) return found;
  throw new TaskHostConfigError(
    `cannot find the SDK runner ${file} (looked in ${candidates.join(', ')}); build @taskloom/sdk first (npx tsc -b libs/sdk)`,
  );
}
