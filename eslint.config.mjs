import { existsSync, readFileSync, readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Every workspace (libs/*, apps/*, plugins/*) declares in its own package.json
// what its src imports: @taskloom/* packages and npm packages alike.
const workspaces = ['libs', 'apps', 'plugins'].flatMap((group) =>
  readdirSync(group, { withFileTypes: true })
    .map((entry) => `${group}/${entry.name}`)
    .filter((dir) => existsSync(`${dir}/package.json`)),
);
// The dashboard ships only its built files, so everything it imports is a devDependency.
const bundled = new Set(['apps/dashboard']);
const workspaceNames = workspaces.map((dir) => JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')).name);
const declaredDependencies = (packageDir, devDependencies, whitelist = []) => ({
  'import-x/no-extraneous-dependencies': ['error', { packageDir, devDependencies, includeTypes: true, whitelist }],
});

const noStringsAsCode = [
  { selector: "CallExpression[callee.name='eval']", message: 'Never execute strings as code (DESIGN invariant 7).' },
  { selector: "NewExpression[callee.name='Function']", message: 'Never execute strings as code (DESIGN invariant 7).' },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'libs/client/generated/**',
      '**/node_modules/**',
      'coverage/**',
      '.taskloom/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.check.json'], tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-restricted-syntax': ['error', ...noStringsAsCode],
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Resolve the workspaces to their sources, as jest and tsconfig.check do.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.d.ts', '.js', '.json', '.node'],
          conditionNames: ['@taskloom/source', 'types', 'require', 'node', 'default'],
        }),
      ],
    },
  },
  ...workspaces.flatMap((dir) => [
    { files: [`${dir}/src/**/*.ts`], rules: declaredDependencies([dir], bundled.has(dir)) },
    // A spec may also use the root's test tooling (jest, fast-check, @nestjs/testing).
    {
      files: [`${dir}/src/**/*.spec.ts`, `${dir}/src/**/*.type-test.ts`],
      rules: declaredDependencies([dir, '.'], true),
    },
  ]),
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: declaredDependencies(['.'], true, workspaceNames) },
  {
    // The dashboard is browser code with its own tsconfig (DOM, JSX).
    files: ['apps/dashboard/**/*.ts', 'apps/dashboard/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: {
      parserOptions: { project: ['./apps/dashboard/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@taskloom/api', '@taskloom/router', '@taskloom/executor', '@taskloom/standalone'],
              message: 'libs never import apps.',
            },
          ],
        },
      ],
    },
  },
  {
    // A double cast silences the compiler at a boundary; libs type their boundaries instead (tests may forge values).
    files: ['libs/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.type-test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...noStringsAsCode,
        {
          selector: "TSAsExpression > TSAsExpression.expression[typeAnnotation.type='TSUnknownKeyword']",
          message: 'No `as unknown as` in libs: type the boundary (a type guard, a parser, a typed constructor).',
        },
      ],
    },
  },
  {
    files: ['libs/sdk/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', '@taskloom/*', 'typeorm', 'pg', 'bullmq', 'ioredis'],
              message: 'the sdk stays free of Nest and I/O libraries.',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine imports this subpath, so it stays pure and self-contained.
    files: ['libs/sdk/src/json/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: '@taskloom/sdk/json imports nothing outside its folder.' }] },
      ],
    },
  },
  {
    files: ['libs/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'pg', 'bullmq', 'ioredis'],
              message: 'the engine is pure: no Nest, no I/O.',
            },
            {
              regex: '^@taskloom/(?!sdk/json$)',
              message:
                "the engine imports no other package of ours but the SDK's pure JSON helpers (@taskloom/sdk/json).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['plugins/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@taskloom/*', '!@taskloom/sdk', '!@taskloom/sdk/*'], message: 'plugins import only the SDK.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['k6/**/*.js'],
    languageOptions: { globals: { __ENV: 'readonly', __VU: 'readonly', __ITER: 'readonly', console: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['*.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['test/support/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
