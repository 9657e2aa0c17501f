import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { isWorkflowBuilder } from '@taskloom/client';
import { parseAllDocuments } from 'yaml';
import { CliUsageError } from '../cli-error';
import { documentKind, type ApplyDocument } from './document-kind';
import { isModuleFile } from './find-definition-files';

/** A workflow definition or a schedule, with the file it came from. */
export type LoadedDefinition = ApplyDocument & { file: string };

/**
 * The workflow definitions and schedules in one file (documentKind() tells
 * which is which). JSON: one or an array of them. YAML: one per document
 * (`---` separates them). A module (TypeScript or JavaScript): every export
 * that defineWorkflow() built, or that is a plain definition or schedule,
 * or an array of those. TypeScript runs through Node's own type
 * stripping, so a module uses only erasable syntax and imports with
 * `import type` what is only a type.
 */
export async function loadDefinitions(file: string): Promise<LoadedDefinition[]> {
  const values = isModuleFile(file) ? moduleExports(file) : await dataDocuments(file);
  const definitions = values.flatMap((value) => (Array.isArray(value) ? (value as unknown[]) : [value]));
  const seen = new Set<unknown>();
  const loaded: LoadedDefinition[] = [];
  for (const value of definitions) {
    if (seen.has(value)) continue;
    seen.add(value);
    const document = asDocument(value);
    if (document) loaded.push({ file, ...document });
    else if (!isModuleFile(file)) {
      throw new CliUsageError(
        `${file}: not a workflow definition (needs name and tasks) nor a schedule (needs name, workflow and cron or every)`,
      );
    }
  }
  if (loaded.length === 0) throw new CliUsageError(`${file}: holds no workflow definition or schedule`);
  return loaded;
}

async function dataDocuments(file: string): Promise<unknown[]> {
  const text = await readFile(file, 'utf8');
  if (path.extname(file) === '.json') {
    try {
      return [JSON.parse(text)];
    } catch (error) {
      throw new CliUsageError(`${file}: not valid JSON (${(error as Error).message})`);
    }
  }
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) return [];
  return documents.map((document) => {
    if (document.errors.length > 0) throw new CliUsageError(`${file}: not valid YAML (${document.errors[0]!.message})`);
    return document.toJS() as unknown;
  });
}

const loadModule = createRequire(__filename);

function moduleExports(file: string): unknown[] {
  let loaded: Record<string, unknown>;
  try {
    // require() rather than import(): this package compiles to CommonJS, where tsc turns import() into require()
    // anyway; Node 24's require() loads ES modules and strips TypeScript's types itself.
    loaded = loadModule(path.resolve(file)) as Record<string, unknown>;
  } catch (error) {
    throw new CliUsageError(`${file}: could not be loaded: ${(error as Error).message}`);
  }
  // A CommonJS module's exports arrive as `default` and again by name; the identity check above drops the copies.
  const values = Object.values(loaded);
  const fromDefault = loaded.default;
  if (fromDefault && typeof fromDefault === 'object' && !Array.isArray(fromDefault) && !asDocument(fromDefault)) {
    values.push(...Object.values(fromDefault));
  }
  return values;
}

function asDocument(value: unknown): ApplyDocument | undefined {
  if (isWorkflowBuilder(value)) return { kind: 'workflow', definition: value.toDefinition() };
  return documentKind(value);
}
