import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CliUsageError } from '../cli-error';
import { findDefinitionFiles } from './find-definition-files';
import { loadDefinitions, type LoadedDefinition } from './load-definitions';

const one = (name: string) => ({ name, tasks: [{ key: 'a', type: 'core.noop', input: {} }] });
const nameOf = (loaded: LoadedDefinition) =>
  loaded.kind === 'workflow' ? loaded.definition.name : `schedule ${loaded.schedule.name}`;

describe('reading definition files', () => {
  let dir: string;
  const file = async (name: string, text: string): Promise<string> => {
    const where = path.join(dir, name);
    await mkdir(path.dirname(where), { recursive: true });
    await writeFile(where, text);
    return where;
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'taskloom-apply-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads one JSON definition or an array, and one YAML definition per document', async () => {
    const json = await file('a.json', JSON.stringify([one('j1'), one('j2')]));
    const yaml = await file('b.yaml', 'name: y1\ntasks: [{ key: a, type: core.noop }]\n---\nname: y2\ntasks: []\n');
    expect((await loadDefinitions(json)).map(nameOf)).toEqual(['j1', 'j2']);
    expect(await loadDefinitions(yaml)).toEqual([
      { file: yaml, kind: 'workflow', definition: { name: 'y1', tasks: [{ key: 'a', type: 'core.noop' }] } },
      { file: yaml, kind: 'workflow', definition: { name: 'y2', tasks: [] } },
    ]);
  });

  it('reads every definition a module exports, once each', async () => {
    const module = await file(
      'defs.cjs',
      `const shared = ${JSON.stringify(one('m1'))};\nmodule.exports = { shared, again: shared, list: [${JSON.stringify(one('m2'))}], helper: 42 };\n`,
    );
    expect((await loadDefinitions(module)).map(nameOf)).toEqual(['m1', 'm2']);
  });

  it('reads schedules beside definitions, by their fields or an explicit kind', async () => {
    const yaml = await file(
      'mixed.yaml',
      'name: w\ntasks: []\n---\nname: nightly\nworkflow: w\ncron: "0 2 * * *"\n---\nkind: schedule\nname: later\nworkflow: w\n',
    );
    expect((await loadDefinitions(yaml)).map(nameOf)).toEqual(['w', 'schedule nightly', 'schedule later']);
  });

  it('says which file is wrong and why', async () => {
    const broken = await file('broken.yaml', 'name: [unclosed\n');
    const notOne = await file('other.json', '{"hello": "world"}');
    const empty = await file('empty.cjs', 'module.exports = { n: 1 };\n');
    await expect(loadDefinitions(broken)).rejects.toThrow(new RegExp(`^${broken}: not valid YAML`));
    await expect(loadDefinitions(notOne)).rejects.toThrow(
      `${notOne}: not a workflow definition (needs name and tasks)`,
    );
    await expect(loadDefinitions(empty)).rejects.toThrow(CliUsageError);
  });

  it('finds definition files in a folder, skipping tests, declarations, package files and node_modules', async () => {
    for (const name of [
      'b.yaml',
      'a.json',
      'sub/c.ts',
      'sub/c.spec.ts',
      'types.d.ts',
      'package.json',
      'node_modules/x/d.json',
      'notes.md',
    ]) {
      await file(name, '{}');
    }
    expect((await findDefinitionFiles(dir)).map((found) => path.relative(dir, found))).toEqual([
      'a.json',
      'b.yaml',
      path.join('sub', 'c.ts'),
    ]);
    await expect(findDefinitionFiles(path.join(dir, 'nope'))).rejects.toThrow('no such file or folder');
  });
});
