import type { PluginNames } from './plugin-names';

/** Tool versions a new plugin builds with: the ones this SDK is built and tested with. */
const TYPESCRIPT_RANGE = '^6.0.3';
const TYPES_NODE_RANGE = '^24.0.0';

/** The files of a new plugin package, by path relative to its directory. */
export function pluginTemplate(names: PluginNames, sdkVersion: string): Record<string, string> {
  return {
    'package.json': packageJson(names, sdkVersion),
    'tsconfig.json': tsconfigJson(),
    '.gitignore': 'node_modules/\ndist/\n',
    'src/index.ts': indexTs(names),
    'src/index.test.ts': indexTestTs(names),
    'README.md': readme(names),
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function packageJson({ packageName, taskType }: PluginNames, sdkVersion: string): string {
  return json({
    name: packageName,
    version: '0.1.0',
    description: `Taskloom plugin: ${taskType}.`,
    keywords: ['taskloom', 'taskloom-plugin'],
    license: 'UNLICENSED',
    engines: { node: '>=24' },
    main: 'dist/index.js',
    types: 'dist/index.d.ts',
    files: ['dist', '!dist/**/*.test.*'],
    scripts: {
      build: 'tsc -p tsconfig.json',
      test: 'npm run build && node --test "dist/**/*.test.js"',
      prepublishOnly: 'npm test',
    },
    dependencies: { '@taskloom/sdk': `^${sdkVersion}` },
    devDependencies: { '@types/node': TYPES_NODE_RANGE, typescript: TYPESCRIPT_RANGE },
  });
}

function tsconfigJson(): string {
  return json({
    compilerOptions: {
      target: 'ES2023',
      lib: ['ES2023'],
      module: 'nodenext',
      moduleResolution: 'nodenext',
      rootDir: 'src',
      outDir: 'dist',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      declaration: true,
      sourceMap: true,
      types: ['node'],
    },
    include: ['src'],
  });
}

function taskConst({ taskType }: PluginNames): string {
  const last = taskType.split('.').pop() ?? 'task';
  return last.replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/^[^a-z]+/, '') || 'task';
}

function indexTs(names: PluginNames): string {
  return `import { definePlugin, defineTask, z } from '@taskloom/sdk';

/** Kept equal to package.json's version: executors publish it with the task types. */
const VERSION = '0.1.0';

/**
 * A first task type: replace it with your own. Inputs and outputs are zod
 * schemas (use the \`z\` the SDK re-exports); the handler's types come from them.
 */
export const ${taskConst(names)} = defineTask({
  type: '${names.taskType}',
  description: 'Greets someone by name.',
  input: z.object({
    name: z.string().min(1).max(200),
    excited: z.boolean().default(false),
  }),
  output: z.object({ greeting: z.string() }),
  resources: 'io-intensive',
  retry: { maxAttempts: 3, backoff: 'exponential', delayMs: 500 },
  isolation: 'inline',
  run: (input, ctx) => {
    ctx.logger.info('greeting', { name: input.name, attempt: ctx.attempt });
    return { greeting: \`Hello, \${input.name}\${input.excited ? '!' : '.'}\` };
  },
});

export default definePlugin({
  name: '${names.packageName}',
  version: VERSION,
  tasks: [${taskConst(names)}],
});
`;
}

function indexTestTs(names: PluginNames): string {
  const task = taskConst(names);
  return `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectFailed, expectSucceeded, runTask } from '@taskloom/sdk/testing';
import plugin, { ${task} } from './index';

// runTask runs the task as an executor would (validation, timeout, logs), without Redis or PostgreSQL.
test('${names.taskType} greets', async () => {
  const result = await runTask(${task}, { name: 'Ada', excited: true });
  assert.deepEqual(expectSucceeded(result), { greeting: 'Hello, Ada!' });
  assert.equal(result.logs[0]?.msg, 'greeting');
});

test('${names.taskType} rejects an empty name for good', async () => {
  const error = expectFailed(await runTask(${task}, { name: '' }));
  assert.equal(error.name, 'InputValidationError');
  assert.equal(error.retryable, false);
});

test('the plugin exports its task types', () => {
  assert.deepEqual(
    plugin.tasks.map((t) => t.type),
    ['${names.taskType}'],
  );
});
`;
}

function readme({ packageName, unscoped, taskType }: PluginNames): string {
  return `# ${packageName}

A Taskloom plugin with one task type, \`${taskType}\`.

## Develop

\`\`\`sh
npm install
npm test        # builds with tsc, then runs src/*.test.ts with node --test
\`\`\`

\`src/index.ts\` defines the task types and default-exports the plugin. Tests use
\`@taskloom/sdk/testing\`, which runs a task type the way an executor does
(input and output validation, timeout, isolation, logs) without Redis or
PostgreSQL. See the \`@taskloom/sdk\` README for resource profiles, isolation
modes, batching and the error classes that decide retries.

## Load it into Taskloom

Build it, then name it in the executor's \`PLUGINS\` (comma-separated), by the
absolute path of this directory or, once installed next to Taskloom, by
package name:

\`\`\`sh
npm run build
# in the Taskloom installation:
PLUGINS=@taskloom/plugin-core,/path/to/${unscoped} npm run start:executor
# or: npm install ${packageName}, then PLUGINS=@taskloom/plugin-core,${packageName}
\`\`\`

Workflows can then use it:

\`\`\`json
{ "key": "hello", "type": "${taskType}", "input": { "name": "{{ run.input.name }}" } }
\`\`\`

## Publish

Set \`license\` in package.json, then \`npm publish\` (it runs the tests first).
The package ships \`dist/\` without the tests, and needs Node 24 or newer.
`;
}
