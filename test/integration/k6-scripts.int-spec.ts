/**
 * The k6 scripts under k6/ run on a stock k6 binary, which this machine does
 * not have. So each script is loaded here as an ES module (node:vm, enabled by
 * --experimental-vm-modules) against small stand-ins for `k6`, `k6/http` and
 * `k6/metrics`, and its setup(), an iteration and teardown() run against an
 * in-memory fake of the Taskloom HTTP API. A syntax error, a remote or unknown
 * import, a missing export or a wrong request fails this suite.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as ts from 'typescript';

const K6_DIR = path.resolve(__dirname, '../../k6');
const SCRIPTS = ['load.js', 'stress.js', 'spike.js', 'soak.js'];

// ---------------------------------------------------------------- stand-ins

interface Params {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  responseCallback?: unknown;
}

interface Request {
  method: string;
  url: URL;
  body: unknown;
  params: Params;
}

interface Response {
  status: number;
  body: string;
  error: string;
  headers: Record<string, string>;
  timings: { duration: number };
  json(): unknown;
}

interface Sample {
  value: number;
  tags?: Record<string, string>;
}

interface Run {
  id: string;
  workflow: string;
  status: string;
  tags: string[];
  input: unknown;
  idempotencyKey: string;
}

function response(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    status,
    body: text,
    error: status === 0 ? 'dial tcp: connection refused' : '',
    headers,
    timings: { duration: 3 },
    json: () => JSON.parse(text) as unknown,
  };
}

/**
 * A fake Taskloom (DESIGN §4) plus everything the scripts did to it. Runs are
 * created `running` and succeed when time passes (k6's sleep()), so teardown's
 * wait loop is exercised. `overrides` answer before the fake API does.
 */
class FakeTaskloom {
  readonly requests: Request[] = [];
  readonly checks: { name: string; ok: boolean }[] = [];
  readonly sleeps: number[] = [];
  readonly logs: { level: string; text: string }[] = [];
  readonly metrics = new Map<string, { type: string; samples: Sample[] }>();
  readonly expectedStatuses: unknown[][] = [];
  readonly runs: Run[] = [];
  overrides: ((req: Request) => Response | undefined)[] = [];
  tagFilter: 'honour' | 'ignore' | 'reject' = 'honour';
  finishWith = 'succeeded';

  request(method: string, url: string, body: unknown, params: Params = {}): Response {
    const req: Request = {
      method,
      url: new URL(url),
      body: typeof body === 'string' ? JSON.parse(body) : body,
      params,
    };
    this.requests.push(req);
    for (const override of this.overrides) {
      const answer = override(req);
      if (answer) return answer;
    }
    return this.api(req);
  }

  private api(req: Request): Response {
    const p = req.url.pathname;
    if (req.method === 'GET' && p === '/health/ready') return response(200, { status: 'ok' });
    if (req.method === 'POST' && p === '/api/v1/workflows') {
      return response(201, { name: (req.body as { name: string }).name, version: 3 });
    }
    const start = /^\/api\/v1\/workflows\/([^/]+)\/runs$/.exec(p);
    if (req.method === 'POST' && start) {
      const body = req.body as { input: unknown; tags: string[]; idempotencyKey: string };
      const run: Run = {
        id: `run-${this.runs.length + 1}`,
        workflow: decodeURIComponent(start[1]),
        status: 'running',
        tags: body.tags,
        input: body.input,
        idempotencyKey: body.idempotencyKey,
      };
      this.runs.push(run);
      return response(201, { id: run.id, status: 'pending', workflow: run.workflow, version: 3 });
    }
    const batch = /^\/api\/v1\/workflows\/([^/]+)\/runs:batch$/.exec(p);
    if (req.method === 'POST' && batch) {
      const items = (req.body as { runs: { input: unknown; tags: string[]; idempotencyKey: string }[] }).runs.map(
        (body) => {
          if ((body.input as { reject?: boolean }).reject) {
            return { result: 'rejected', error: { statusCode: 400, error: 'ValidationError', message: 'input' } };
          }
          const run: Run = {
            id: `run-${this.runs.length + 1}`,
            workflow: decodeURIComponent(batch[1]),
            status: 'running',
            tags: body.tags,
            input: body.input,
            idempotencyKey: body.idempotencyKey,
          };
          this.runs.push(run);
          return { result: 'created', id: run.id, status: 'pending', workflow: run.workflow, version: 3 };
        },
      );
      const count = (result: string) => items.filter((item) => item.result === result).length;
      return response(200, { created: count('created'), existing: 0, rejected: count('rejected'), items });
    }
    if (req.method === 'GET' && p === '/api/v1/runs') return this.search(req.url.searchParams);
    const get = /^\/api\/v1\/runs\/([^/]+)$/.exec(p);
    if (req.method === 'GET' && get) {
      const run = this.runs.find((r) => r.id === get[1]);
      return run
        ? response(200, { ...run, error: { message: 'boom' }, tasks: [] })
        : response(404, { statusCode: 404 });
    }
    return response(404, { statusCode: 404, error: 'Not Found', message: `${req.method} ${p}` });
  }

  // GET /api/v1/runs: filters, newest first, { items, nextCursor } with an opaque cursor.
  private search(q: URLSearchParams): Response {
    if (q.has('tag') && this.tagFilter === 'reject') {
      return response(400, { statusCode: 400, error: 'Bad Request', message: 'unknown parameter tag' });
    }
    const limit = Number(q.get('limit') ?? 50);
    const offset = q.has('cursor') ? Number(Buffer.from(q.get('cursor')!, 'base64url').toString()) : 0;
    const matching = [...this.runs]
      .reverse()
      .filter((r) => !q.has('workflow') || r.workflow === q.get('workflow'))
      .filter((r) => !q.has('status') || r.status === q.get('status'))
      .filter((r) => this.tagFilter !== 'honour' || !q.has('tag') || r.tags.includes(q.get('tag')!));
    const items = matching
      .slice(offset, offset + limit)
      .map((r) => ({ id: r.id, workflow: r.workflow, status: r.status, tags: r.tags }));
    const more = offset + limit < matching.length;
    return response(200, {
      items,
      nextCursor: more ? Buffer.from(String(offset + limit)).toString('base64url') : null,
    });
  }

  /** Time passes: every run ends. */
  tick(): void {
    for (const run of this.runs) if (run.status === 'running') run.status = this.finishWith;
  }

  samples(name: string): Sample[] {
    return this.metrics.get(name)?.samples ?? [];
  }

  sent(method: string, pathname: string): Request[] {
    return this.requests.filter((r) => r.method === method && r.url.pathname === pathname);
  }

  failedChecks(): string[] {
    return this.checks.filter((c) => !c.ok).map((c) => c.name);
  }
}

/** Synthetic modules with the slice of the k6 API the scripts may use. */
function k6Modules(fake: FakeTaskloom, context: vm.Context): Record<string, vm.SyntheticModule> {
  const k6 = {
    check(value: unknown, sets: Record<string, unknown>): boolean {
      let all = true;
      for (const [name, test] of Object.entries(sets)) {
        const ok = Boolean(typeof test === 'function' ? (test as (v: unknown) => unknown)(value) : test);
        fake.checks.push({ name, ok });
        all = all && ok;
      }
      return all;
    },
    sleep(seconds: number): void {
      fake.sleeps.push(seconds);
      fake.tick();
    },
    fail(message?: string): never {
      throw new Error(message);
    },
    group<T>(_name: string, fn: () => T): T {
      return fn();
    },
  };
  const http = {
    get: (url: string, params?: Params) => fake.request('GET', url, null, params),
    post: (url: string, body: unknown, params?: Params) => fake.request('POST', url, body, params),
    put: (url: string, body: unknown, params?: Params) => fake.request('PUT', url, body, params),
    del: (url: string, body: unknown, params?: Params) => fake.request('DELETE', url, body, params),
    request: (method: string, url: string, body: unknown, params?: Params) => fake.request(method, url, body, params),
    batch: (requests: [string, string, unknown, Params?][]) => requests.map(([m, u, b, p]) => fake.request(m, u, b, p)),
    expectedStatuses: (...statuses: unknown[]) => {
      fake.expectedStatuses.push(statuses);
      return { expectedStatuses: statuses };
    },
    setResponseCallback: () => undefined,
  };
  const metric = (type: string) =>
    class {
      private readonly samples: Sample[] = [];
      constructor(readonly name: string) {
        if (fake.metrics.has(name)) throw new Error(`metric ${name} declared twice`);
        fake.metrics.set(name, { type, samples: this.samples });
      }
      add(value: number | boolean, tags?: Record<string, string>): void {
        this.samples.push({ value: Number(value), tags });
      }
    };
  const metrics = { Counter: metric('counter'), Gauge: metric('gauge'), Rate: metric('rate'), Trend: metric('trend') };

  const synthetic = (name: string, exports: Record<string, unknown>) =>
    new vm.SyntheticModule(
      [...Object.keys(exports), 'default'],
      function (this: vm.SyntheticModule) {
        for (const [key, value] of Object.entries(exports)) this.setExport(key, value);
        this.setExport('default', exports);
      },
      { identifier: name, context },
    );
  return {
    k6: synthetic('k6', k6),
    'k6/http': synthetic('k6/http', http),
    'k6/metrics': synthetic('k6/metrics', metrics),
  };
}

interface Script {
  options: {
    scenarios: Record<string, Record<string, unknown>>;
    thresholds: Record<string, (string | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string })[]>;
    teardownTimeout?: string;
    summaryTrendStats?: string[];
  };
  default: (data: unknown) => void;
  setup?: () => SetupData;
  teardown?: (data: unknown) => void;
  handleSummary?: (data: unknown) => Record<string, string>;
  [name: string]: unknown;
}

interface SetupData {
  testId: string;
  tag: string;
  workflow: { name: string; version: number };
  startedAt: number;
}

interface Loaded {
  script: Script;
  fake: FakeTaskloom;
  context: vm.Context;
}

/**
 * Loads a script the way k6 would: the k6 modules resolve to the stand-ins,
 * relative specifiers to files under k6/, anything else fails the load.
 */
async function loadScript(file: string, env: Record<string, string> = {}, fake = new FakeTaskloom()): Promise<Loaded> {
  const fakeConsole = Object.fromEntries(
    ['log', 'info', 'warn', 'error', 'debug'].map((level) => [
      level,
      (...args: unknown[]) => fake.logs.push({ level, text: args.join(' ') }),
    ]),
  );
  const context = vm.createContext({ __ENV: { ...env }, __VU: 0, __ITER: 0, console: fakeConsole });
  const stubs = k6Modules(fake, context);
  const compiled = new Map<string, vm.SourceTextModule>();
  const compile = (filename: string) => {
    let module = compiled.get(filename);
    if (!module) {
      module = new vm.SourceTextModule(fs.readFileSync(filename, 'utf8'), { identifier: filename, context });
      compiled.set(filename, module);
    }
    return module;
  };
  const entry = compile(path.resolve(K6_DIR, file));
  await entry.link((specifier, referencing) => {
    if (stubs[specifier]) return stubs[specifier];
    const where = path.relative(K6_DIR, referencing.identifier);
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
      throw new Error(
        `${where} imports "${specifier}"; scripts may import only k6, k6/http, k6/metrics and ./lib files`,
      );
    }
    const target = path.resolve(path.dirname(referencing.identifier), specifier);
    if (!target.startsWith(K6_DIR + path.sep) || !fs.existsSync(target)) {
      throw new Error(`${where} imports "${specifier}", which is not a file under k6/`);
    }
    return compile(target);
  });
  await entry.evaluate();
  return { script: entry.namespace as unknown as Script, fake, context };
}

/** k6 hands each VU and teardown() a JSON copy of setup()'s result. */
function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function iterate(loaded: Loaded, data: SetupData, vu = 1, iteration = 0): void {
  loaded.context.__VU = vu;
  loaded.context.__ITER = iteration;
  loaded.script.default(roundTrip(data));
}

async function runLifecycle(file: string, env: Record<string, string> = {}, fake?: FakeTaskloom) {
  const loaded = await loadScript(file, { POLL_INTERVAL: '2s', ...env }, fake);
  const data = loaded.script.setup!();
  iterate(loaded, data);
  loaded.context.__VU = 0;
  loaded.script.teardown!(roundTrip(data));
  return { ...loaded, data };
}

/**
 * What k6 does before handleSummary() runs: it sets every option the script
 * specified back onto the exported `options`, as Go values. A threshold list
 * becomes a Go struct, a plain object that is not an array (so
 * `options.thresholds[name].every` throws there), which a script must not
 * read; here it is replaced by such an object before the summary is made.
 */
function summarize(script: Script, data: unknown): Record<string, string> {
  const consolidated = Object.fromEntries(
    Object.entries(script.options.thresholds).map(([name, list]) => [
      name,
      { thresholds: list.map((t) => (typeof t === 'string' ? t : t.threshold)), abort: false },
    ]),
  );
  (script.options as { thresholds: unknown }).thresholds = consolidated;
  return script.handleSummary!(data);
}

function thresholdExpressions(script: Script, key: string): string[] {
  return (script.options.thresholds[key] ?? []).map((t) => (typeof t === 'string' ? t : t.threshold));
}

// ------------------------------------------------------------ ES2019 checker

const ALLOWED_MODULES = new Set(['k6', 'k6/http', 'k6/metrics']);

/** Syntax newer than ES2019 (old k6 releases reject it) and disallowed imports, as "file:line: what". */
function syntaxViolations(filename: string, text: string): string[] {
  const source = ts.createSourceFile(filename, text, ts.ScriptTarget.ES2019, true, ts.ScriptKind.JS);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${path.basename(filename)}:${line + 1}: ${what}`);
  };
  const newerOperators = new Map<ts.SyntaxKind, string>([
    [ts.SyntaxKind.QuestionQuestionToken, 'nullish coalescing ??'],
    [ts.SyntaxKind.QuestionQuestionEqualsToken, 'logical assignment ??='],
    [ts.SyntaxKind.BarBarEqualsToken, 'logical assignment ||='],
    [ts.SyntaxKind.AmpersandAmpersandEqualsToken, 'logical assignment &&='],
  ]);
  const visit = (node: ts.Node): void => {
    if ((node as { questionDotToken?: ts.Node }).questionDotToken) report(node, 'optional chaining ?.');
    if (ts.isBinaryExpression(node) && newerOperators.has(node.operatorToken.kind))
      report(node, newerOperators.get(node.operatorToken.kind)!);
    if (ts.isPropertyDeclaration(node)) report(node, 'class field');
    if (ts.isClassStaticBlockDeclaration(node)) report(node, 'class static block');
    if (ts.isPrivateIdentifier(node)) report(node, 'private #name');
    if (ts.isBigIntLiteral(node)) report(node, 'BigInt literal');
    if (ts.isNumericLiteral(node) && node.getText(source).includes('_')) report(node, 'numeric separator');
    if (ts.isMetaProperty(node)) report(node, 'import.meta');
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      report(node, 'dynamic import()');
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const specifier = node.moduleSpecifier.text;
      const relativeJs = /^\.\.?\//.test(specifier) && specifier.endsWith('.js');
      if (!ALLOWED_MODULES.has(specifier) && !relativeJs) report(node, `import of "${specifier}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function k6Files(dir = K6_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return k6Files(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

// ---------------------------------------------------------------- the tests

describe('k6 scripts: syntax and imports', () => {
  const files = k6Files();

  it('finds the four scripts and their lib', () => {
    const names = files.map((f) => path.relative(K6_DIR, f));
    expect(names).toEqual(expect.arrayContaining([...SCRIPTS, 'lib/config.js', 'lib/runs.js']));
  });

  it.each(files.map((f) => [path.relative(K6_DIR, f), f]))('%s parses as an ES module', (_name, file) => {
    expect(() => new vm.SourceTextModule(fs.readFileSync(file, 'utf8'), { identifier: file })).not.toThrow();
  });

  it('uses nothing newer than ES2019 and imports only k6, k6/http, k6/metrics and relative files', () => {
    const violations = files.flatMap((file) => syntaxViolations(file, fs.readFileSync(file, 'utf8')));
    expect(violations).toEqual([]);
  });

  it('the checker itself catches ?., ??, class fields and remote imports', () => {
    const bad = [
      "import { textSummary } from 'https://jslib.k6.io/k6-summary/0.0.2/index.js';",
      'const a = x?.y;',
      'const b = x ?? 1;',
      'class C { field = 1; }',
    ].join('\n');
    expect(syntaxViolations('bad.js', bad)).toEqual([
      'bad.js:1: import of "https://jslib.k6.io/k6-summary/0.0.2/index.js"',
      'bad.js:2: optional chaining ?.',
      'bad.js:3: nullish coalescing ??',
      'bad.js:4: class field',
    ]);
  });

  it('the loader rejects an import it cannot resolve', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k6-bad-'));
    const file = path.join(dir, 'bad.js');
    fs.writeFileSync(
      file,
      "import { randomString } from 'https://jslib.k6.io/k6-utils/1.4.0/index.js';\nexport default function () {}\n",
    );
    try {
      await expect(loadScript(file)).rejects.toThrow(/may import only k6/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(SCRIPTS)('k6/%s', (file) => {
  it('loads against the k6 stand-ins and exports options, setup, default and teardown', async () => {
    const { script } = await loadScript(file);
    expect(typeof script.default).toBe('function');
    expect(typeof script.setup).toBe('function');
    expect(typeof script.teardown).toBe('function');
    // k6 reads only these; anything else exported would be a stray scenario function.
    expect(
      Object.keys(script).filter(
        (name) => !['options', 'setup', 'default', 'teardown', 'handleSummary'].includes(name),
      ),
    ).toEqual([]);
    expect(Object.keys(script.options.scenarios)).toEqual(['submit']);
    expect(script.options.summaryTrendStats).toContain('p(99)');
    // teardown() waits for runs; k6's 60 s default would cut it short.
    expect(script.options.teardownTimeout).toMatch(/^\d+ms$/);
    expect(parseInt(script.options.teardownTimeout!, 10)).toBeGreaterThan(60_000);
  });

  it('runs setup, one iteration and teardown against a fake Taskloom', async () => {
    const { fake, data } = await runLifecycle(file);

    expect(fake.sent('GET', '/health/ready')).toHaveLength(1);
    const [register] = fake.sent('POST', '/api/v1/workflows');
    expect(register.body).toEqual({
      name: 'k6-noop',
      description: expect.any(String),
      tasks: [{ key: 'noop', type: 'core.noop', input: {} }],
    });
    expect(data).toEqual({
      testId: expect.stringMatching(/^[a-z0-9-]+$/),
      tag: `k6:${data.testId}`,
      workflow: { name: 'k6-noop', version: 3 },
      startedAt: expect.any(Number),
    });

    const [start] = fake.sent('POST', '/api/v1/workflows/k6-noop/runs');
    expect(start.body).toEqual({
      input: expect.any(Object),
      version: 3,
      tags: [data.tag],
      idempotencyKey: `${data.testId}-1-0`,
    });
    expect(start.params.tags).toMatchObject({ name: 'start_run' });
    expect(start.params.responseCallback).toEqual({ expectedStatuses: [200, 201, 429] });
    expect(start.params.headers).toMatchObject({ 'Content-Type': 'application/json' });
    expect(start.params.headers).not.toHaveProperty('Authorization');

    // teardown: polls open runs by status, sleeps while one runs, then lists them all.
    const listings = fake.sent('GET', '/api/v1/runs');
    for (const listing of listings) {
      expect(listing.url.searchParams.get('workflow')).toBe('k6-noop');
      expect(listing.url.searchParams.get('tag')).toBe(data.tag);
      expect(listing.url.searchParams.get('limit')).toBe('500');
      expect(listing.params.tags).toEqual({ name: 'list_runs' });
    }
    expect(listings.map((l) => l.url.searchParams.get('status'))).toEqual([
      'pending',
      'running',
      'paused',
      'pending',
      'running',
      'paused',
      null,
    ]);
    expect(fake.sleeps).toEqual([2]);
    expect(fake.samples('runs_started')).toEqual([{ value: 1, tags: undefined }]);
    expect(fake.samples('start_run_throttled')).toEqual([{ value: 0, tags: start.params.tags }]);
    expect(fake.samples('runs_succeeded').map((s) => s.value)).toEqual([1]);
    expect(fake.samples('runs_unfinished')).toEqual([]);
    expect(fake.failedChecks()).toEqual([]);
    expect(fake.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'start_run answered 201',
        'teardown found the runs this test started',
        'run reached a terminal status',
        'run succeeded',
      ]),
    );
  });
});

describe('k6/load.js', () => {
  it('submits at a constant arrival rate with the documented thresholds', async () => {
    const { script } = await loadScript('load.js');
    expect(script.options.scenarios.submit).toEqual({
      executor: 'constant-arrival-rate',
      rate: 200,
      timeUnit: '1s',
      duration: '60000ms',
      preAllocatedVUs: 20,
      maxVUs: 200,
    });
    expect(script.options.thresholds).toEqual({
      'http_req_failed{scenario:submit}': ['rate<0.01'],
      'http_req_duration{name:start_run}': ['p(95)<50', 'p(99)<100'],
      runs_succeeded: ['rate>0.99'],
      runs_throttled: ['count<=120'],
      checks: ['rate>0.99'],
    });
  });

  it('takes rate, duration, limits and VU sizing from the environment', async () => {
    const { script } = await loadScript('load.js', {
      RATE: '1000',
      DURATION: '5m',
      P95_MS: '80',
      P99_MS: '200',
      ERROR_RATE: '0.001',
      MAX_VUS: '3000',
    });
    expect(script.options.scenarios.submit).toMatchObject({
      rate: 1000,
      duration: '300000ms',
      preAllocatedVUs: 100,
      maxVUs: 3000,
    });
    expect(script.options.thresholds['http_req_duration{name:start_run}']).toEqual(['p(95)<80', 'p(99)<200']);
    expect(script.options.thresholds['http_req_failed{scenario:submit}']).toEqual(['rate<0.001']);
  });

  it('starts BATCH_SIZE runs per request through runs:batch, keeping RATE in runs a second', async () => {
    const { script, fake, data } = await runLifecycle('load.js', { RATE: '500', BATCH_SIZE: '50' });
    expect(script.options.scenarios.submit).toMatchObject({ rate: 500, timeUnit: '50000ms' });
    expect(script.options.thresholds['http_req_duration{name:start_run_batch}']).toEqual(['p(95)<250', 'p(99)<500']);
    expect(script.options.thresholds).not.toHaveProperty(['http_req_duration{name:start_run}']);
    expect(fake.sent('POST', '/api/v1/workflows/k6-noop/runs')).toEqual([]);
    const [batch] = fake.sent('POST', '/api/v1/workflows/k6-noop/runs:batch');
    const runs = (batch!.body as { runs: { idempotencyKey: string; tags: string[]; version: number }[] }).runs;
    expect(runs).toHaveLength(50);
    expect(runs[7]).toEqual({
      input: { source: 'k6-load', vu: 1, iteration: 0, item: 7 },
      version: 3,
      tags: [data.tag],
      idempotencyKey: `${data.testId}-1-0-7`,
    });
    expect(batch!.params.tags).toEqual({ name: 'start_run_batch' });
    expect(batch!.params.responseCallback).toEqual({ expectedStatuses: [200, 201, 429] });
    expect(fake.samples('runs_started')).toEqual([{ value: 50, tags: undefined }]);
    expect(fake.samples('runs_succeeded').map((s) => s.value)).toEqual(Array(50).fill(1));
    expect(fake.failedChecks()).toEqual([]);
  });

  it('flags a rejected batch item, and obeys a 429 to the whole batch with the same keys', async () => {
    const fake = new FakeTaskloom();
    let throttled = 0;
    fake.overrides.push((req) =>
      req.url.pathname.endsWith('/runs:batch') && throttled++ === 0
        ? response(429, { statusCode: 429 }, { 'Retry-After': '3' })
        : undefined,
    );
    const { script, context } = await loadScript('load.js', { BATCH_SIZE: '2' }, fake);
    const data = script.setup!();
    iterate({ script, fake, context }, data);
    const sent = fake.sent('POST', '/api/v1/workflows/k6-noop/runs:batch');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toEqual(sent[0]!.body);
    expect(fake.sleeps).toEqual([3]);
    expect(fake.samples('runs_throttled')).toEqual([{ value: 1, tags: { name: 'start_run_batch' } }]);

    fake.overrides.push((req) => {
      if (!req.url.pathname.endsWith('/runs:batch')) return undefined;
      (req.body as { runs: { input: { reject?: boolean } }[] }).runs[1]!.input.reject = true;
      return undefined;
    });
    iterate({ script, fake, context }, data, 1, 1);
    expect(fake.samples('runs_started').map((s) => s.value)).toEqual([2, 1]);
    expect(fake.failedChecks()).toEqual(['start_run_batch started every item']);
    expect(fake.logs.some((log) => log.text.includes('item 1 rejected'))).toBe(true);
  });

  it('refuses a malformed setting before sending any load', async () => {
    await expect(loadScript('load.js', { BATCH_SIZE: '2.5' })).rejects.toThrow(
      'BATCH_SIZE must be a whole number, got 2.5',
    );
    await expect(loadScript('load.js', { RATE: 'fast' })).rejects.toThrow('RATE must be a number, got "fast"');
    await expect(loadScript('load.js', { DURATION: 'ten minutes' })).rejects.toThrow(/DURATION must look like/);
    await expect(loadScript('load.js', { WORKFLOW: 'huge' })).rejects.toThrow(/WORKFLOW must be noop or fanout/);
  });

  it('sends BASE_URL, API_KEY, WORKFLOW_NAME, PRIORITY and TEST_ID where they belong', async () => {
    const { fake, data } = await runLifecycle('load.js', {
      BASE_URL: 'http://taskloom.test:8080/',
      API_KEY: 's3cret',
      WORKFLOW_NAME: 'bench-noop',
      PRIORITY: 'high',
      TEST_ID: 'nightly-42',
    });
    expect(data.tag).toBe('k6:nightly-42');
    for (const req of fake.requests) {
      expect(req.url.origin).toBe('http://taskloom.test:8080');
      expect(req.params.headers).toMatchObject({ Authorization: 'Bearer s3cret' });
    }
    const [start] = fake.sent('POST', '/api/v1/workflows/bench-noop/runs');
    expect(start.body).toMatchObject({ priority: 'high', tags: ['k6:nightly-42'], idempotencyKey: 'nightly-42-1-0' });
  });

  it('registers a 10-task fan-out/fan-in of core.noop with WORKFLOW=fanout', async () => {
    const { script, fake } = await loadScript('load.js', { WORKFLOW: 'fanout' });
    script.setup!();
    const [register] = fake.sent('POST', '/api/v1/workflows');
    const definition = register.body as { name: string; tasks: { key: string; type: string; dependsOn?: string[] }[] };
    expect(definition.name).toBe('k6-fanout');
    expect(definition.tasks).toHaveLength(10);
    expect(definition.tasks.every((t) => t.type === 'core.noop')).toBe(true);
    const branches = definition.tasks.filter((t) => t.key.startsWith('branch-'));
    expect(branches).toHaveLength(8);
    expect(branches.every((t) => t.dependsOn!.join() === 'start')).toBe(true);
    expect(definition.tasks.find((t) => t.key === 'join')!.dependsOn).toEqual(branches.map((t) => t.key));
  });

  it('accepts 200 from POST /workflows (definition already registered)', async () => {
    const fake = new FakeTaskloom();
    fake.overrides.push((req) =>
      req.method === 'POST' && req.url.pathname === '/api/v1/workflows'
        ? response(200, { name: 'k6-noop', version: 7 })
        : undefined,
    );
    const { script } = await loadScript('load.js', {}, fake);
    expect(script.setup!().workflow).toEqual({ name: 'k6-noop', version: 7 });
  });

  it('stops in setup with a clear message when Taskloom is down or refuses the workflow', async () => {
    const down = new FakeTaskloom();
    down.overrides.push(() => response(0));
    const a = await loadScript('load.js', {}, down);
    expect(() => a.script.setup!()).toThrow(/not reachable at http:\/\/localhost:3000.*npm start/);

    const refusing = new FakeTaskloom();
    refusing.overrides.push((req) =>
      req.url.pathname === '/api/v1/workflows' ? response(400, { message: 'unknown task type core.noop' }) : undefined,
    );
    const b = await loadScript('load.js', {}, refusing);
    expect(() => b.script.setup!()).toThrow(/registering workflow k6-noop failed: 400 .*unknown task type/);
  });

  it('counts a 429 in runs_throttled, obeys Retry-After and retries with the same idempotency key', async () => {
    const fake = new FakeTaskloom();
    let throttled = 0;
    fake.overrides.push((req) =>
      req.method === 'POST' && req.url.pathname.endsWith('/runs') && throttled++ < 1
        ? response(429, { statusCode: 429, message: 'backlog full' }, { 'Retry-After': '3' })
        : undefined,
    );
    const { script, data } = await runLifecycle('load.js', {}, fake);
    expect(script).toBeDefined();
    const starts = fake.sent('POST', '/api/v1/workflows/k6-noop/runs');
    expect(starts).toHaveLength(2);
    expect((starts[1].body as { idempotencyKey: string }).idempotencyKey).toBe(
      (starts[0].body as { idempotencyKey: string }).idempotencyKey,
    );
    expect(fake.samples('runs_throttled').map((s) => s.value)).toEqual([1]);
    expect(fake.samples('runs_retry_after_s').map((s) => s.value)).toEqual([3]);
    expect(fake.sleeps[0]).toBe(3);
    expect(fake.failedChecks()).toEqual([]);
    expect(fake.runs.map((r) => r.tags)).toEqual([[data.tag]]);
  });

  it('gives up on a run after THROTTLE_RETRIES, caps the wait at RETRY_AFTER_MAX, and flags a 429 without Retry-After', async () => {
    const fake = new FakeTaskloom();
    fake.overrides.push((req) => {
      if (req.method !== 'POST' || !req.url.pathname.endsWith('/runs')) return undefined;
      return fake.sent('POST', req.url.pathname).length === 1
        ? response(429, {}, { 'Retry-After': '120' })
        : response(429, {});
    });
    const { script } = await loadScript('load.js', { THROTTLE_RETRIES: '1', RETRY_AFTER_MAX: '5s' }, fake);
    const data = script.setup!();
    script.default(roundTrip(data));
    expect(fake.sent('POST', '/api/v1/workflows/k6-noop/runs')).toHaveLength(2);
    expect(fake.sleeps).toEqual([5]);
    expect(fake.samples('runs_throttled')).toHaveLength(2);
    expect(fake.failedChecks()).toEqual(['throttled answer has Retry-After']);
  });

  it('records a failed check and no run for a 5xx answer', async () => {
    const fake = new FakeTaskloom();
    fake.overrides.push((req) =>
      req.method === 'POST' && req.url.pathname.endsWith('/runs') ? response(503, { message: 'db down' }) : undefined,
    );
    const { script } = await loadScript('load.js', {}, fake);
    script.default(roundTrip(script.setup!()));
    expect(fake.failedChecks()).toEqual(['start_run answered 201', 'start_run returned a run id']);
    expect(fake.samples('runs_started')).toEqual([]);
    expect(fake.logs.some((l) => l.level === 'warn' && l.text.includes('start_run 503'))).toBe(true);
  });

  it('counts runs still open at WAIT_TIMEOUT as unfinished and failed runs as not succeeded', async () => {
    const open = await runLifecycle('load.js', { WAIT_TIMEOUT: '0s' });
    expect(open.fake.sleeps).toEqual([]);
    expect(open.fake.samples('runs_unfinished').map((s) => s.value)).toEqual([1]);
    expect(open.fake.samples('runs_succeeded').map((s) => s.value)).toEqual([0]);
    expect(open.fake.failedChecks()).toEqual(['run reached a terminal status', 'run succeeded']);

    const fake = new FakeTaskloom();
    fake.finishWith = 'failed';
    const failed = await runLifecycle('load.js', {}, fake);
    expect(failed.fake.samples('runs_succeeded').map((s) => s.value)).toEqual([0]);
    expect(failed.fake.samples('runs_unfinished')).toEqual([]);
    // Why it failed is fetched from GET /runs/{id} and logged.
    expect(failed.fake.sent('GET', '/api/v1/runs/run-1')).toHaveLength(1);
    expect(failed.fake.logs.some((l) => l.text.includes('run run-1 failed') && l.text.includes('boom'))).toBe(true);
  });

  it('pages through { items, nextCursor } and counts only its own runs when the API ignores ?tag=', async () => {
    const fake = new FakeTaskloom();
    fake.tagFilter = 'ignore';
    const { script } = await loadScript('load.js', { PAGE_SIZE: '2' }, fake);
    const data = script.setup!();
    for (let i = 0; i < 3; i++) {
      script.default(roundTrip(data));
      fake.runs.push({
        id: `other-${i}`,
        workflow: 'k6-noop',
        status: 'succeeded',
        tags: ['k6:someone-else'],
        input: {},
        idempotencyKey: `x${i}`,
      });
    }
    fake.tick();
    script.teardown!(roundTrip(data));
    const finalPages = fake.sent('GET', '/api/v1/runs').filter((r) => !r.url.searchParams.has('status'));
    expect(finalPages.map((r) => r.url.searchParams.get('cursor'))).toEqual([
      null,
      expect.any(String),
      expect.any(String),
    ]);
    expect(fake.samples('runs_succeeded').map((s) => s.value)).toEqual([1, 1, 1]);
  });

  it('retries the listing without ?tag= when the API rejects it, matching tags itself', async () => {
    const fake = new FakeTaskloom();
    fake.tagFilter = 'reject';
    const { fake: after } = await runLifecycle('load.js', {}, fake);
    const listings = after.sent('GET', '/api/v1/runs');
    expect(listings[0].url.searchParams.get('tag')).not.toBeNull();
    expect(listings.slice(1).every((l) => !l.url.searchParams.has('tag'))).toBe(true);
    expect(after.samples('runs_succeeded').map((s) => s.value)).toEqual([1]);
    expect(after.logs.some((l) => l.level === 'warn' && l.text.includes('rejected ?tag='))).toBe(true);
  });
});

describe('k6/stress.js', () => {
  const STAGES = [100, 200, 400, 700, 1000, 1500, 2000];

  it('ramps the arrival rate from 50/s to 2000/s with per-stage abortOnFail thresholds', async () => {
    const { script } = await loadScript('stress.js');
    expect(script.options.scenarios.submit).toEqual({
      executor: 'ramping-arrival-rate',
      startRate: 50,
      timeUnit: '1s',
      stages: STAGES.map((target) => ({ duration: '30000ms', target })),
      preAllocatedVUs: 200,
      maxVUs: 2000,
    });
    STAGES.forEach((_target, i) => {
      expect(script.options.thresholds[`http_req_failed{stage:${i}}`]).toEqual([
        { threshold: 'rate<0.05', abortOnFail: true, delayAbortEval: '10000ms' },
      ]);
      expect(script.options.thresholds[`http_req_duration{name:start_run,stage:${i}}`]).toEqual([
        { threshold: 'p(99)<1000', abortOnFail: true, delayAbortEval: '10000ms' },
      ]);
      expect(script.options.thresholds[`start_run_throttled{stage:${i}}`]).toEqual([
        { threshold: 'rate<0.05', abortOnFail: true, delayAbortEval: '10000ms' },
      ]);
      expect(script.options.thresholds[`http_reqs{stage:${i}}`]).toEqual(['count>=0']);
    });
    expect(script.options.thresholds.runs_succeeded).toEqual(['rate>0.99']);
    expect(typeof script.handleSummary).toBe('function');
  });

  it('takes its stages and limits from the environment', async () => {
    const { script } = await loadScript('stress.js', {
      START_RATE: '10',
      STAGES: '1m:100,2m30s:5000',
      ERROR_RATE: '0.1',
      P99_MS: '250',
      THROTTLE_RATE: '0.5',
      ABORT_DELAY: '30s',
    });
    expect(thresholdExpressions(script, 'http_req_failed{stage:0}')).toEqual(['rate<0.1']);
    expect(thresholdExpressions(script, 'start_run_throttled{stage:1}')).toEqual(['rate<0.5']);
    expect(script.options.scenarios.submit).toMatchObject({
      startRate: 10,
      stages: [
        { duration: '60000ms', target: 100 },
        { duration: '150000ms', target: 5000 },
      ],
      preAllocatedVUs: 500,
      maxVUs: 5000,
    });
    expect(script.options.thresholds['http_req_duration{name:start_run,stage:1}']).toEqual([
      { threshold: 'p(99)<250', abortOnFail: true, delayAbortEval: '30000ms' },
    ]);
    await expect(loadScript('stress.js', { STAGES: '30s-100' })).rejects.toThrow(/STAGES must look like/);
  });

  it('tags each request with the stage it ran in and records the target rate', async () => {
    const { script, fake, context } = await loadScript('stress.js');
    const data = script.setup!();
    context.__VU = 1;
    script.default(roundTrip({ ...data, startedAt: Date.now() - 45_000 })); // halfway through stage 1: 100 → 200/s
    const [start] = fake.sent('POST', '/api/v1/workflows/k6-noop/runs');
    expect(start.params.tags).toEqual({ name: 'start_run', stage: '1' });
    const [rate] = fake.samples('stress_target_rate');
    expect(rate.value).toBeGreaterThan(140);
    expect(rate.value).toBeLessThan(160);
  });

  // What k6 hands handleSummary(): metrics keyed by name, sub-metrics by their threshold key.
  function summaryData(
    stageResults: { requests: number; errorRate: number; p99: number; throttled?: number; ok: boolean }[],
    peak: number,
  ) {
    const metrics: Record<string, unknown> = {
      stress_target_rate: { type: 'gauge', contains: 'default', values: { value: peak, min: 50, max: peak } },
      dropped_iterations: { type: 'counter', contains: 'default', values: { count: 12, rate: 0.1 } },
      runs_throttled: { type: 'counter', contains: 'default', values: { count: 40, rate: 0.3 } },
      runs_succeeded: {
        type: 'rate',
        contains: 'default',
        values: { rate: 1, passes: 10, fails: 0 },
        thresholds: { 'rate>0.99': { ok: true } },
      },
    };
    stageResults.forEach((s, i) => {
      metrics[`http_reqs{stage:${i}}`] = {
        type: 'counter',
        values: { count: s.requests, rate: 1 },
        thresholds: { 'count>=0': { ok: true } },
      };
      metrics[`http_req_failed{stage:${i}}`] = {
        type: 'rate',
        values: { rate: s.errorRate },
        thresholds: { 'rate<0.05': { ok: s.ok || s.errorRate < 0.05 } },
      };
      const throttled = s.throttled ?? 0;
      metrics[`start_run_throttled{stage:${i}}`] = {
        type: 'rate',
        values: { rate: throttled },
        thresholds: { 'rate<0.05': { ok: throttled < 0.05 } },
      };
      metrics[`http_req_duration{name:start_run,stage:${i}}`] = {
        type: 'trend',
        contains: 'time',
        values: { 'p(95)': s.p99 / 2, 'p(99)': s.p99 },
        thresholds: { 'p(99)<1000': { ok: s.ok || s.p99 < 1000 } },
      };
    });
    return { metrics, state: { testRunDurationMs: 123_000 }, root_group: {}, options: {} };
  }

  it('reports the highest healthy rate: the start of the first stage that failed', async () => {
    const { script } = await loadScript('stress.js');
    const ok = { errorRate: 0, p99: 40, ok: true };
    const data = summaryData(
      [
        { requests: 2250, ...ok },
        { requests: 4500, ...ok },
        { requests: 9000, ...ok },
        { requests: 8000, errorRate: 0.02, p99: 1800, ok: false },
        { requests: 0, errorRate: 0, p99: 0, ok: true },
        { requests: 0, errorRate: 0, p99: 0, ok: true },
        { requests: 0, errorRate: 0, p99: 0, ok: true },
      ],
      610,
    );
    const out = summarize(script, data);
    expect(Object.keys(out).sort()).toEqual(['stdout', 'stress-summary.json']);
    const report = JSON.parse(out['stress-summary.json']) as Record<string, unknown> & {
      stages: Record<string, unknown>[];
    };
    expect(report).toMatchObject({
      broke: true,
      brokenStage: 3,
      highestHealthyRate: 400,
      peakTargetRate: 610,
      droppedIterations: 12,
      runsThrottled: 40,
    });
    expect(report.stages.map((s) => s.healthy)).toEqual([true, true, true, false, null, null, null]);
    expect(out.stdout).toContain('Broke in stage 3');
    expect(out.stdout).toContain('Highest healthy arrival rate: 400/s');
    expect(out.stdout).toMatch(/✗ http_req_duration\{name:start_run,stage:3\} p\(99\)<1000/);
    expect(out.stdout).not.toContain('count>=0');
    expect(out.stdout).not.toContain('stage:4}'); // thresholds of stages never reached are noise
    expect(report.stages[4]).toMatchObject({ requests: 0, errorRate: null, p99Ms: null });
  });

  it('counts a stage that refuses too much work with 429 as broken', async () => {
    const { script } = await loadScript('stress.js');
    const ok = { requests: 1000, errorRate: 0, p99: 30, ok: true };
    const data = summaryData([ok, ok, { ...ok, throttled: 0.3 }, ok, ok, ok, ok], 400);
    const report = JSON.parse(summarize(script, data)['stress-summary.json']) as Record<string, unknown>;
    expect(report).toMatchObject({ broke: true, brokenStage: 2, highestHealthyRate: 200 });
  });

  it('says so when nothing broke, and honours SUMMARY_FILE', async () => {
    const { script } = await loadScript('stress.js', { SUMMARY_FILE: 'out/stress.json' });
    const data = summaryData(
      STAGES.map(() => ({ requests: 1000, errorRate: 0, p99: 30, ok: true })),
      2000,
    );
    const out = summarize(script, data);
    expect(JSON.parse(out['out/stress.json'])).toMatchObject({
      broke: false,
      brokenStage: null,
      highestHealthyRate: 2000,
    });
    expect(out.stdout).toContain('Did not break');
  });
});

describe('k6/spike.js', () => {
  it('holds a base rate, bursts to 10× and returns to base', async () => {
    const { script } = await loadScript('spike.js');
    expect(script.options.scenarios.submit).toEqual({
      executor: 'ramping-arrival-rate',
      startRate: 100,
      timeUnit: '1s',
      stages: [
        { duration: '60000ms', target: 100 },
        { duration: '5000ms', target: 1000 },
        { duration: '30000ms', target: 1000 },
        { duration: '5000ms', target: 100 },
        { duration: '120000ms', target: 100 },
      ],
      preAllocatedVUs: 100,
      maxVUs: 1000,
    });
    expect(script.options.thresholds).toEqual({
      'http_req_failed{scenario:submit}': ['rate<0.01'],
      'http_req_duration{name:start_run,phase:base}': ['p(95)<50'],
      'http_req_duration{name:start_run,phase:spike}': ['p(95)>=0'],
      'runs_throttled{phase:spike}': ['count>0'],
      'http_req_duration{name:start_run,phase:recovery}': ['p(95)<100'],
      runs_succeeded: ['rate>=1'],
      runs_unfinished: ['count==0'],
      checks: ['rate>0.99'],
    });
  });

  it('need not meet backpressure when EXPECT_BACKPRESSURE=0', async () => {
    const { script } = await loadScript('spike.js', { EXPECT_BACKPRESSURE: '0' });
    expect(script.options.thresholds['runs_throttled{phase:spike}']).toEqual(['count>=0']);
  });

  it('takes base rate, factor and phase lengths from the environment', async () => {
    const { script } = await loadScript('spike.js', {
      BASE_RATE: '20',
      SPIKE_FACTOR: '5',
      BASE_DURATION: '10s',
      SPIKE_RAMP: '1s',
      SPIKE_DURATION: '20s',
      RECOVERY_DURATION: '30s',
    });
    expect(script.options.scenarios.submit.stages).toEqual([
      { duration: '10000ms', target: 20 },
      { duration: '1000ms', target: 100 },
      { duration: '20000ms', target: 100 },
      { duration: '1000ms', target: 20 },
      { duration: '30000ms', target: 20 },
    ]);
  });

  it('treats 429 as expected and tags each request with its phase', async () => {
    const fake = new FakeTaskloom();
    fake.overrides.push((req) =>
      req.method === 'POST' && req.url.pathname.endsWith('/runs') && fake.sent('POST', req.url.pathname).length === 2
        ? response(429, {}, { 'Retry-After': '1' })
        : undefined,
    );
    const { script, context } = await loadScript('spike.js', {}, fake);
    const data = script.setup!();
    const at = (seconds: number, iteration: number) => {
      context.__VU = 1;
      context.__ITER = iteration;
      script.default(roundTrip({ ...data, startedAt: Date.now() - seconds * 1000 }));
    };
    at(10, 0); // base
    at(80, 1); // burst: throttled once, then accepted
    at(150, 2); // recovery
    const phases = fake.sent('POST', '/api/v1/workflows/k6-noop/runs').map((r) => r.params.tags!.phase);
    expect(phases).toEqual(['base', 'spike', 'spike', 'recovery']);
    expect(fake.expectedStatuses).toContainEqual([200, 201, 429]);
    expect(fake.samples('runs_throttled')).toHaveLength(1);
    expect(fake.failedChecks()).toEqual([]);
    expect(fake.runs).toHaveLength(3);
  });
});

describe('k6/soak.js', () => {
  it('runs an hour at a steady rate with early and late latency thresholds', async () => {
    const { script } = await loadScript('soak.js');
    expect(script.options.scenarios.submit).toEqual({
      executor: 'constant-arrival-rate',
      rate: 50,
      timeUnit: '1s',
      duration: '3600000ms',
      preAllocatedVUs: 5,
      maxVUs: 50,
    });
    expect(script.options.thresholds).toEqual({
      'http_req_failed{scenario:submit}': ['rate<0.001'],
      'http_req_duration{name:start_run,window:early}': ['p(95)<50', 'p(99)<100'],
      'http_req_duration{name:start_run,window:late}': ['p(95)<50', 'p(99)<100'],
      runs_succeeded: ['rate>0.999'],
      runs_throttled: ['count<=180'],
      checks: ['rate>0.999'],
    });
    expect(thresholdExpressions(script, 'runs_succeeded')).toEqual(['rate>0.999']);
  });

  it('tags requests with the window they ran in', async () => {
    const { script, fake, context } = await loadScript('soak.js', { SOAK_DURATION: '30m', DRIFT_WINDOW: '5m' });
    expect(script.options.scenarios.submit.duration).toBe('1800000ms');
    const data = script.setup!();
    [60, 900, 1700].forEach((seconds, i) => {
      context.__VU = 1;
      context.__ITER = i;
      script.default(roundTrip({ ...data, startedAt: Date.now() - seconds * 1000 }));
    });
    expect(fake.sent('POST', '/api/v1/workflows/k6-noop/runs').map((r) => r.params.tags!.window)).toEqual([
      'early',
      'middle',
      'late',
    ]);
    await expect(loadScript('soak.js', { SOAK_DURATION: '10m', DRIFT_WINDOW: '6m' })).rejects.toThrow(
      /DRIFT_WINDOW must be at most half/,
    );
  });

  it('reports latency drift between the first and last window', async () => {
    const { script } = await loadScript('soak.js');
    const trend = (p95: number, p99: number, ok: boolean) => ({
      type: 'trend',
      contains: 'time',
      values: { 'p(95)': p95, 'p(99)': p99, count: 30_000 },
      thresholds: { 'p(95)<50': { ok }, 'p(99)<100': { ok } },
    });
    const out = summarize(script, {
      metrics: {
        'http_req_duration{name:start_run,window:early}': trend(10, 20, true),
        'http_req_duration{name:start_run,window:late}': trend(25, 30, true),
        'http_req_failed{scenario:submit}': {
          type: 'rate',
          values: { rate: 0 },
          thresholds: { 'rate<0.001': { ok: true } },
        },
        runs_succeeded: { type: 'rate', values: { rate: 1 }, thresholds: { 'rate>0.999': { ok: true } } },
      },
      state: { testRunDurationMs: 3_700_000 },
    });
    const report = JSON.parse(out['soak-summary.json']) as { drift: { p95: number; p99: number }; drifted: boolean };
    expect(report.drift).toEqual({ p95: 2.5, p99: 1.5 });
    expect(report.drifted).toBe(true);
    expect(out.stdout).toContain('DRIFTED past 1.5×');
  });
});
