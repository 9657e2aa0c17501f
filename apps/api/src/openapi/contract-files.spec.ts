import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_FILES, REGENERATE_HINT, renderContractFiles } from './contract-files';

const ROOT = join(__dirname, '..', '..', '..', '..');

interface Operation {
  summary?: string;
  tags?: string[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}

describe('the committed contract files', () => {
  let rendered: Awaited<ReturnType<typeof renderContractFiles>>;

  beforeAll(async () => {
    rendered = await renderContractFiles();
  });

  it.each(Object.entries(CONTRACT_FILES))('%s (%s) is what the code generates', (name, path) => {
    const onDisk = readFileSync(join(ROOT, path), 'utf8');
    const expected = rendered[name as keyof typeof CONTRACT_FILES];
    if (onDisk !== expected) {
      throw new Error(`${path} differs from what the code generates: ${REGENERATE_HINT}`);
    }
  });

  it('ships the definition schema in @taskloom/sdk (files and exports)', () => {
    const sdk = JSON.parse(readFileSync(join(ROOT, 'libs/sdk/package.json'), 'utf8')) as {
      files: string[];
      exports: Record<string, unknown>;
    };
    const inPackage = CONTRACT_FILES.definitionSchema.replace('libs/sdk/', '');
    expect(sdk.files).toContain(inPackage.split('/')[0]);
    expect(sdk.exports[`./${inPackage}`]).toBe(`./${inPackage}`);
  });

  it('describes every /api/v1 operation: summary, tag, body and success schemas, and its error statuses', () => {
    const document = JSON.parse(rendered.document) as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
      );
    expect(operations.length).toBeGreaterThanOrEqual(22);
    for (const { path, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect([where, operation.summary]).toEqual([where, expect.any(String)]);
      expect([where, operation.tags]).toEqual([where, [expect.any(String)]]);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status === '204') continue;
        expect([where, status, response.content]).toEqual([where, status, expect.any(Object)]);
      }
      if (operation.requestBody || path.includes('{')) {
        expect([where, Object.keys(operation.responses).some((status) => status.startsWith('4'))]).toEqual([
          where,
          true,
        ]);
      }
    }
  });
});
