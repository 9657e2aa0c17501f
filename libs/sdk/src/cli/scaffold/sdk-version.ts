import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The version of this SDK package, which new plugins depend on. Read from
 * package.json at run time: it sits three levels above both src/cli/scaffold
 * and dist/cli/scaffold, outside the compiled rootDir.
 */
export function sdkVersion(): string {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
