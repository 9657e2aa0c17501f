import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { isWorkflowBuilder, type WorkflowDefinition } from '@taskloom/client';
import { parseAllDocuments } from 'yaml';
import { CliUsageError } from '../cli-error';
import { isModuleFile } from './find-definition-files';

export interface LoadedDefinition {
  file: string;
  definition: WorkflowDefinition;
}

/**
 * The definitions in one file. JSON: one definition or an array of them.
 * YAML: one per document (`---` separates them). A module (TypeScript or
 * JavaScript): every export that defineWorkflow() built, or that is a plain
 * definition, or an array of those. TypeScript runs through Node's own type
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
    const definition = asDefinition(value);
    if (definition) loaded.push({ file, definition });
    else if (!isModuleFile(file)) throw new CliUsageError(`${file}: not a workflow definition (needs name and tasks)`);
  }
  if (loaded.length === 0) throw new CliUsageError(`${file}: holds no workflow definition`);
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
  if (fromDefault && typeof fromDefault === 'object' && !Array.isArray(fromDefault) && !asDefinition(fromDefault)) {
    values.push(...Object.values(fromDefault));
  }
  return values;
}

function asDefinition(value: unknown): WorkflowDefinition | undefined {
  if (isWorkflowBuilder(value)) return value.toDefinition();
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Partial<WorkflowDefinition>;
  return typeof candidate.name === 'string' && Array.isArray(candidate.tasks)
    ? (candidate as WorkflowDefinition)
    : undefined;
}
