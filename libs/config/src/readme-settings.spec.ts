import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvSchema } from './env.schema';

/** The variables named in the first column of the README's Configuration table. */
function documentedSettings(readme: string): Set<string> {
  const start = readme.indexOf('\n## Configuration\n');
  expect(start).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    if (!line.startsWith('|')) continue;
    const firstCell = line.split('|')[1] ?? '';
    for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(match[1]);
  }
  return names;
}

describe('README settings table', () => {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const documented = documentedSettings(readme);

  it('documents every setting the environment schema reads', () => {
    const missing = Object.keys(EnvSchema.shape).filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it('reads the table it checks', () => {
    expect(documented.has('DATABASE_URL')).toBe(true);
    expect(documented.size).toBeGreaterThan(40);
  });
});
