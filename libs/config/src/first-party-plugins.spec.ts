import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config';
import { FIRST_PARTY_PLUGINS } from './env.schema';

describe('FIRST_PARTY_PLUGINS', () => {
  it('names every package under plugins/, and is the PLUGINS default', () => {
    const pluginsDir = path.resolve(__dirname, '../../../plugins');
    const packages = readdirSync(pluginsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map(
        (entry) =>
          (JSON.parse(readFileSync(path.join(pluginsDir, entry.name, 'package.json'), 'utf8')) as { name: string })
            .name,
      );
    expect([...FIRST_PARTY_PLUGINS].sort()).toEqual(packages.sort());
    expect(loadConfig({}).executor.plugins).toEqual(FIRST_PARTY_PLUGINS);
  });
});
