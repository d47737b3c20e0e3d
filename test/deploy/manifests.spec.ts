// The deployment files are parsed and checked against the code they deploy (no Docker engine or cluster
// runs here): every YAML parses, images are pinned and name a real app, probe paths are real routes
// (the committed OpenAPI documents, the platform's health controller and the KServe v2 controller),
// every env var set is in the config schema and its literal value passes it, container ports are the
// ports the apps are configured to listen on, and every Service, PDB and autoscaler selects something.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { suiteEnvSchema as envSchema } from '../../apps/cli/src/suite.config.js';

const root = process.cwd();
const dockerDir = join(root, 'docker');
const schemaShape = envSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const files = yamlFiles(dockerDir);
const parsed = new Map<string, Doc[]>(
  files.map((f) => {
    const docs = parseAllDocuments(readFileSync(f, 'utf8'), { merge: true });
    return [relative(root, f), docs as unknown as Doc[]];
  }),
);
const manifests: { file: string; doc: Doc }[] = [...parsed.entries()]
  .filter(([f]) => f.startsWith('docker/k8s/'))
  .flatMap(([file, docs]) =>
    docs.map((d) => ({ file, doc: (d as unknown as { toJS(): Doc }).toJS() })).filter((m) => m.doc),
  );
const ofKind = (kind: string): { file: string; doc: Doc }[] => manifests.filter((m) => m.doc.kind === kind);

const apps = readdirSync(join(root, 'apps')).filter((a) =>
  existsSync(join(root, 'apps', a, 'src', 'main.ts')),
);

/** Routes of a Nest controller file: @Controller('prefix') + @Get/@Post('path'). */
function controllerRoutes(file: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  const prefix = /@Controller\('([^']*)'\)/.exec(source)?.[1] ?? '';
  return [...source.matchAll(/@(?:Get|Post|Put|Delete|Head)\('([^']*)'\)/g)].map((m) =>
    `/${prefix}/${m[1]}`.replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}'),
  );
}

const platformRoutes = controllerRoutes('libs/platform/src/health/health.controller.ts');
const kserveRoutes = controllerRoutes('libs/inference/src/kserve/kserve-v2.controller.ts');

function routesOf(app: string): string[] {
  const doc = join(root, 'apps', app, 'openapi.json');
  const openapi = existsSync(doc)
    ? Object.keys((JSON.parse(readFileSync(doc, 'utf8')) as { paths: Record<string, unknown> }).paths)
    : [];
  return [...openapi, ...platformRoutes, ...(app === 'inference-server' ? kserveRoutes : [])];
}

/** The env var a service's main.ts listens on (RISK_PORT, ..., INFERENCE_SERVER_PORT). */
function portVariableOf(app: string): string {
  const main = readFileSync(join(root, 'apps', app, 'src', 'main.ts'), 'utf8');
  const match = /\b([A-Z]+(?:_[A-Z]+)*_PORT)\b/.exec(main);
  if (!match) throw new Error(`no *_PORT in apps/${app}/src/main.ts`);
  return match[1];
}

/** The app an image is built for: ghcr.io/domain-ai-suite/<app>[-cuda]:<tag>. */
function appOfImage(image: string): string | undefined {
  const m = /^(?:[\w.-]+\/)*domain-ai-suite\/([a-z-]+?)(?:-cuda)?:([\w.-]+)$/.exec(image);
  return m ? m[1] : undefined;
}

function expectEnvInSchema(where: string, name: string, value: unknown): void {
  expect({ where, name, inSchema: name in schemaShape }).toEqual({ where, name, inSchema: true });
  if (typeof value === 'string' && !value.includes('${')) {
    expect({ where, name, valid: schemaShape[name].safeParse(value).success }).toEqual({
      where,
      name,
      valid: true,
    });
  }
}

const configMaps = new Map<string, Record<string, string>>(
  ofKind('ConfigMap').map((m) => [m.doc.metadata.name as string, m.doc.data as Record<string, string>]),
);

/** A container's effective literal env: envFrom ConfigMaps, then env (later wins). */
function envOf(container: Doc): Map<string, string | undefined> {
  const env = new Map<string, string | undefined>();
  for (const from of (container.envFrom ?? []) as Doc[]) {
    const data = configMaps.get(from.configMapRef?.name as string);
    expect(data).toBeDefined();
    for (const [k, v] of Object.entries(data ?? {})) env.set(k, v);
  }
  for (const e of (container.env ?? []) as Doc[]) env.set(e.name as string, e.value as string | undefined);
  return env;
}

describe('deployment files', () => {
  it('finds the Dockerfile, compose file and Kubernetes manifests', () => {
    expect(files.map((f) => relative(root, f))).toEqual(
      expect.arrayContaining([
        'docker/compose.yaml',
        'docker/k8s/namespace.yaml',
        'docker/k8s/triton.yaml',
        'docker/k8s/inference-server.yaml',
        'docker/k8s/autoscaling/keda.yaml',
        'docker/k8s/autoscaling/hpa-cpu.yaml',
      ]),
    );
  });

  it('parses every YAML file without errors', () => {
    for (const [file, docs] of parsed) {
      for (const d of docs as unknown as { errors: unknown[] }[])
        expect({ file, errors: d.errors }).toEqual({ file, errors: [] });
    }
  });

  it('ships the session worker and the models in every runtime stage of the Dockerfile', () => {
    const dockerfile = readFileSync(join(dockerDir, 'Dockerfile'), 'utf8');
    const stages = dockerfile.split(/^FROM /m).filter((s) => /^\S+ AS runtime/.test(s.split('\n')[0]));
    expect(stages.length).toBe(2);
    for (const stage of stages) {
      expect(stage).toContain('COPY --from=build /app/libs/inference/worker ./libs/inference/worker');
      expect(stage).toContain('COPY --from=build /app/models ./models');
      expect(stage).toMatch(/^USER (node|1000)$/m);
    }
    // The worker is where the runtime looks for it (walking up from dist/ to libs/inference/worker).
    expect(existsSync(join(root, 'libs', 'inference', 'worker', 'session-worker.mjs'))).toBe(true);
  });

  describe('Kubernetes', () => {
    const deployments = ofKind('Deployment');

    it('deploys every service and the inference server, plus Triton', () => {
      expect(deployments.map((d) => d.doc.metadata.name).sort()).toEqual(
        ['customer-service', 'inference-server', 'medical-records', 'risk-scoring', 'triton'].sort(),
      );
    });

    it.each(deployments.map((d) => [d.doc.metadata.name as string, d.doc] as const))(
      '%s: pinned image of a real app, probes on real routes, env in the schema, ports as configured',
      (name, doc) => {
        const spec = doc.spec.template.spec as Doc;
        expect(doc.spec.selector.matchLabels).toEqual(
          expect.objectContaining({ app: doc.spec.template.metadata.labels.app }),
        );
        for (const container of spec.containers as Doc[]) {
          const image = container.image as string;
          expect(image).not.toMatch(/:latest$/);
          expect(image).toMatch(/:[\w.-]+$/);
          expect(container.resources?.requests?.cpu).toBeDefined();
          expect(container.resources?.requests?.memory).toBeDefined();
          const ports = (container.ports ?? []) as Doc[];
          const probePaths = ['readinessProbe', 'livenessProbe'].map((p) => {
            const probe = container[p] as Doc | undefined;
            expect({ name, probe: p, present: probe !== undefined }).toEqual({
              name,
              probe: p,
              present: true,
            });
            const named = ports.find((x) => x.name === probe?.httpGet?.port);
            expect(named ?? ports.find((x) => x.containerPort === probe?.httpGet?.port)).toBeDefined();
            return probe?.httpGet?.path as string;
          });

          if (name === 'triton') {
            // Triton speaks the same KServe v2 protocol as our controller.
            for (const p of probePaths) expect(kserveRoutes).toContain(p);
            expect(image).toMatch(/^nvcr\.io\/nvidia\/tritonserver:\d/);
            expect(container.resources.requests['nvidia.com/gpu']).toBe(1);
            expect(container.args).toContain('--model-repository=/models');
            expect(ports.map((p) => p.containerPort)).toEqual(expect.arrayContaining([8000]));
            continue;
          }

          const app = appOfImage(image);
          expect({ image, app }).toEqual({ image, app: name });
          expect(apps).toContain(app);
          const routes = routesOf(name);
          expect(probePaths).toEqual(
            name === 'inference-server'
              ? ['/v2/health/ready', '/v2/health/live']
              : ['/health/ready', '/health/live'],
          );
          for (const p of probePaths) expect(routes).toContain(p);

          const env = envOf(container);
          for (const [k, v] of env) expectEnvInSchema(`${name}`, k, v);
          for (const e of (container.env ?? []) as Doc[]) {
            if (e.valueFrom?.secretKeyRef) expect(e.value).toBeUndefined();
          }
          expect(env.get('HOST')).toBe('0.0.0.0');

          const portVar = portVariableOf(name);
          const configured = Number(
            env.get(portVar) ?? (envSchema.parse({}) as Record<string, unknown>)[portVar],
          );
          expect(ports.map((p) => p.containerPort)).toEqual([configured]);
          if (name === 'inference-server') {
            expect(container.resources.requests['nvidia.com/gpu']).toBe(1);
            expect(container.resources.limits['nvidia.com/gpu']).toBe(1);
            expect(env.get('INFERENCE_DEVICE')).toBe('cuda');
          } else {
            expect(env.get('INFERENCE_URL')).toMatch(/^http:\/\/(triton|inference-server)\./);
            expect(env.get('NATS_URL')).toMatch(/^nats:\/\//);
            expect(env.get('MIGRATE_ON_BOOT')).toBe('false');
          }
        }
        if (spec.initContainers) {
          for (const c of spec.initContainers as Doc[]) expect(apps).toContain(appOfImage(c.image as string));
        }
      },
    );

    const deploymentLabels = deployments.map(
      (d) => d.doc.spec.template.metadata.labels as Record<string, string>,
    );
    const selects = (selector: Record<string, string>): boolean =>
      deploymentLabels.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v));

    it('has a Service and a PodDisruptionBudget selecting each Deployment, with named target ports', () => {
      for (const d of deployments) {
        const app = d.doc.metadata.name as string;
        const service = ofKind('Service').find((s) => s.doc.spec.selector.app === app);
        expect({ app, service: service !== undefined }).toEqual({ app, service: true });
        const portNames = (d.doc.spec.template.spec.containers as Doc[]).flatMap((c) =>
          ((c.ports ?? []) as Doc[]).map((p) => p.name as string),
        );
        for (const p of service!.doc.spec.ports as Doc[]) expect(portNames).toContain(p.targetPort);
        const pdb = ofKind('PodDisruptionBudget').find((p) => p.doc.spec.selector.matchLabels.app === app);
        expect({ app, pdb: pdb !== undefined }).toEqual({ app, pdb: true });
      }
      for (const s of ofKind('Service'))
        expect(selects(s.doc.spec.selector as Record<string, string>)).toBe(true);
    });

    it('autoscales every service and the inference server on request rate (KEDA) with a CPU fallback', () => {
      const names = new Set(deployments.map((d) => d.doc.metadata.name as string));
      const scaled = ofKind('ScaledObject');
      const hpas = ofKind('HorizontalPodAutoscaler');
      for (const app of ['risk-scoring', 'medical-records', 'customer-service', 'inference-server']) {
        const so = scaled.find((s) => s.doc.spec.scaleTargetRef.name === app);
        expect({ app, scaledObject: so !== undefined }).toEqual({ app, scaledObject: true });
        const triggers = so!.doc.spec.triggers as Doc[];
        const prom = triggers.find((t) => t.type === 'prometheus');
        expect(prom?.metadata.query).toContain('http_request_duration_seconds_count');
        expect(prom?.metadata.query).toContain(`app="${app}"`);
        expect(triggers.some((t) => t.type === 'cpu')).toBe(true);
        expect(so!.doc.spec.fallback.replicas).toBeGreaterThan(0);
        const hpa = hpas.find((h) => h.doc.spec.scaleTargetRef.name === app);
        expect(hpa?.doc.spec.metrics[0].resource.name).toBe('cpu');
      }
      // KEDA and the CPU HPAs are alternatives: never in the same file.
      expect(new Set(scaled.map((s) => s.file))).toEqual(new Set(['docker/k8s/autoscaling/keda.yaml']));
      expect(new Set(hpas.map((s) => s.file))).toEqual(new Set(['docker/k8s/autoscaling/hpa-cpu.yaml']));
      for (const t of [...scaled, ...hpas]) expect(names).toContain(t.doc.spec.scaleTargetRef.name);
    });

    it('uses only env vars of the config schema in ConfigMaps and Jobs', () => {
      for (const [name, data] of configMaps)
        for (const [k, v] of Object.entries(data)) expectEnvInSchema(name, k, v);
      for (const job of ofKind('Job')) {
        for (const c of job.doc.spec.template.spec.containers as Doc[]) {
          expect(appOfImage(c.image as string)).toBe('cli');
          for (const [k, v] of envOf(c)) expectEnvInSchema(job.doc.metadata.name as string, k, v);
        }
      }
    });
  });

  describe('compose', () => {
    const compose = (parsed.get('docker/compose.yaml')![0] as unknown as { toJS(): Doc }).toJS();
    const services = compose.services as Record<string, Doc>;

    it('runs PostgreSQL, NATS with JetStream, the migration, the three services and the inference server', () => {
      expect(Object.keys(services).sort()).toEqual(
        [
          'customer-service',
          'inference-server',
          'medical-records',
          'migrate',
          'nats',
          'postgres',
          'risk-scoring',
        ].sort(),
      );
      expect(services.nats.command).toContain('-js');
    });

    it.each(['risk-scoring', 'medical-records', 'customer-service', 'inference-server'])(
      '%s: built for its app, env in the schema, port and healthcheck as configured',
      (name) => {
        const svc = services[name];
        expect(svc.build.args.APP).toBe(name);
        expect(appOfImage(svc.image as string)).toBe(name);
        const env = svc.environment as Record<string, string>;
        for (const [k, v] of Object.entries(env)) expectEnvInSchema(name, k, v);
        const portVar = portVariableOf(name);
        const port = Number(env[portVar]);
        expect(svc.ports).toEqual([`127.0.0.1:${port}:${port}`]);
        const check = (svc.healthcheck.test as string[]).join(' ');
        const url = /http:\/\/127\.0\.0\.1:(\d+)(\/[\w/]+)/.exec(check);
        expect(Number(url?.[1])).toBe(port);
        expect(routesOf(name)).toContain(url?.[2]);
        if (name !== 'inference-server') {
          expect(env.INFERENCE_URL).toBe(
            `http://inference-server:${Number(services['inference-server'].environment.INFERENCE_SERVER_PORT)}`,
          );
          expect(env.NATS_URL).toBe('nats://nats:4222');
        }
      },
    );
  });
});
