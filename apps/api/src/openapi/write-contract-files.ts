import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CONTRACT_FILES, renderContractFiles } from './contract-files';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** `npm run openapi`: writes the committed contract files from the code, the one way to regenerate them. */
async function main(): Promise<void> {
  const rendered = await renderContractFiles();
  for (const [name, path] of Object.entries(CONTRACT_FILES)) {
    const target = join(ROOT, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, rendered[name as keyof typeof CONTRACT_FILES]);
    console.log(`wrote ${path}`);
  }
}

main().catch((error: unknown) => {
  console.error('writing the contract files failed:', error);
  process.exit(1);
});
