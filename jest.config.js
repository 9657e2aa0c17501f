// One jest run, three tiers: unit tests sit next to the code they test;
// integration and e2e suites live under test/ and talk to real services.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc },
  // Each workspace's package.json `exports` maps this condition to its src/*.ts,
  // so tests import the packages' sources without a second alias list.
  testEnvironmentOptions: { customExportConditions: ['@taskloom/source', 'node', 'node-addons'] },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

/**
 * `npm test` runs in two phases on a 2-core machine: every suite but these, two
 * at a time (TASKLOOM_TEST_PHASE=shared), then these alone (exclusive). Their
 * checks bound time — /health within a second, a sleep ending within a second
 * of its time, a re-run within EXECUTOR_LOST_AFTER_MS + 5 s, a second executor
 * up before a task ends, render times, starts per second under a rate limit —
 * so they must not share the CPU with another suite. Without the variable,
 * jest runs whatever it is given.
 */
const EXCLUSIVE_E2E = [
  'dashboard',
  'executor-lifecycle',
  'fuzz',
  'hostile-expressions',
  'interruptions',
  'rate-limits',
  'waits',
].map((name) => `<rootDir>/test/e2e/${name}.e2e-spec.ts`);
const phase = process.env.TASKLOOM_TEST_PHASE;
const e2eSuites =
  phase === 'exclusive'
    ? { testMatch: EXCLUSIVE_E2E }
    : {
        testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
        ...(phase === 'shared' && {
          testPathIgnorePatterns: ['/node_modules/', ...EXCLUSIVE_E2E.map((file) => file.replace(/\./g, '\\.'))],
        }),
      };

module.exports = {
  globalSetup: '<rootDir>/test/support/require-build.cjs',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,apps,plugins}/**/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts.integration.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      ...e2eSuites,
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts.e2e.ts'],
    },
  ],
};
