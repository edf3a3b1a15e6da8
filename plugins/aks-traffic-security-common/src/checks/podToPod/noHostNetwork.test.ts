import { fixture, kubernetes } from '../../__testUtils__/resourceSets';
import { runCheck } from '../../__testUtils__/runCheck';
import { noHostNetwork } from './noHostNetwork';

function deployment(podSpec: string, name = 'web') {
  return kubernetes(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: a0008
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${podSpec}
`);
}

const CONTAINER = `      containers:
      - name: web
        image: mcr.microsoft.com/dotnet/samples:aspnetapp
        ports:
        - containerPort: 8080`;

function service(selector: string, name = 'api') {
  return kubernetes(`
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: a0008
spec:
${selector}
  ports:
  - port: 80
    targetPort: 8080
`);
}

const BARE_POD = `
apiVersion: v1
kind: Pod
metadata:
  name: debug-shell
  namespace: a0008
  labels:
    app: api
spec:
  hostNetwork: true
  containers:
  - name: shell
    image: mcr.microsoft.com/azurelinux/base/core:3.0
`;

describe('pod.k8s.no-host-network', () => {
  it('passes the aks-baseline Deployments', () => {
    const result = runCheck(noHostNetwork, {
      resources: [
        ...fixture('aks-baseline/01-aspnetapp.yaml'),
        ...fixture('aks-baseline/traefik.yaml'),
      ],
      scope: { namespace: 'a0008' },
    });

    expect(result.verdict).toBe('pass');
  });

  it('fails hostNetwork', () => {
    const result = runCheck(noHostNetwork, {
      resources: deployment(`      hostNetwork: true\n${CONTAINER}`),
    });

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].elements).toEqual(['Deployment/web']);
  });

  it('fails a hostPort', () => {
    const result = runCheck(noHostNetwork, {
      resources: deployment(`${CONTAINER}\n          hostPort: 8080`),
    });

    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].path).toBe(
      'spec.template.spec.containers[0].ports[0].hostPort',
    );
  });

  it('judges DaemonSets as well', () => {
    const daemonSet = kubernetes(`
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      hostNetwork: true
      containers:
      - name: agent
        image: example.azurecr.io/agent:1.0
`);
    const result = runCheck(noHostNetwork, {
      resources: [...deployment(CONTAINER), ...daemonSet],
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('DaemonSet/node-agent');
  });

  it('fails a bare Pod on the host network', () => {
    const result = runCheck(noHostNetwork, {
      resources: [...deployment(CONTAINER), ...kubernetes(BARE_POD)],
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('Pod/debug-shell');
    expect(result.evidence[1].path).toBe('spec.hostNetwork');
    expect(result.evidence[1].elements).toEqual(['Pod/debug-shell']);
  });

  it('fails a Job with a hostPort', () => {
    const job = kubernetes(`
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: example.azurecr.io/migrate:1.0
        ports:
        - containerPort: 8080
          hostPort: 8080
`);
    const result = runCheck(noHostNetwork, {
      resources: [...deployment(CONTAINER), ...job],
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('Job/migrate');
    expect(result.evidence[1].path).toBe(
      'spec.template.spec.containers[0].ports[0].hostPort',
    );
  });

  it('fails a CronJob on the host network', () => {
    const cronJob = kubernetes(`
apiVersion: batch/v1
kind: CronJob
metadata:
  name: sync
spec:
  schedule: "*/15 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostNetwork: true
          restartPolicy: OnFailure
          containers:
          - name: sync
            image: example.azurecr.io/sync:1.0
`);
    const result = runCheck(noHostNetwork, {
      resources: [...deployment(CONTAINER), ...cronJob],
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('CronJob/sync');
    expect(result.evidence[1].path).toBe(
      'spec.jobTemplate.spec.template.spec.hostNetwork',
    );
  });

  it('is unknown for a Service whose workload was not read', () => {
    const result = runCheck(noHostNetwork, {
      resources: [
        ...deployment(CONTAINER),
        ...service('  selector:\n    app: api'),
      ],
      scope: { namespace: 'a0008' },
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
    expect(result.message).toContain('Service api selects pods (app=api)');
    expect(result.evidence[1]).toMatchObject({
      resource: 'a0008/Service/api',
      path: 'spec.selector',
      observed: { app: 'api' },
      elements: ['Service/api'],
    });
  });

  it('is unknown for a Service in a namespace without workloads', () => {
    const result = runCheck(noHostNetwork, {
      resources: service('  selector:\n    app: api'),
      scope: { namespace: 'a0008' },
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it('matches a Service to a bare Pod', () => {
    const pod = kubernetes(BARE_POD.replace('  hostNetwork: true\n', ''));
    const result = runCheck(noHostNetwork, {
      resources: [...pod, ...service('  selector:\n    app: api')],
      scope: { namespace: 'a0008' },
    });

    expect(result.verdict).toBe('pass');
  });

  it('passes a Service without a selector', () => {
    const result = runCheck(noHostNetwork, {
      resources: [...deployment(CONTAINER), ...service('  type: ClusterIP')],
      scope: { namespace: 'a0008' },
    });

    expect(result.verdict).toBe('pass');
  });

  it('notes hostPID without failing', () => {
    const result = runCheck(noHostNetwork, {
      resources: deployment(`      hostPID: true\n${CONTAINER}`),
    });

    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].note).toContain('hostPID');
  });

  it('is not applicable without workloads', () => {
    const result = runCheck(noHostNetwork, {
      resources: fixture('aks-baseline/ingress-network-policy.yaml'),
    });

    expect(result.verdict).toBe('not-applicable');
  });

  it('is unknown when the namespace was not read', () => {
    expect(
      runCheck(noHostNetwork, { scope: { namespace: 'a0008' } }).verdict,
    ).toBe('unknown');
  });

  it('is unknown when listing Deployments failed', () => {
    const result = runCheck(noHostNetwork, {
      kubernetesNamespaceRead: true,
      failures: [
        {
          target: 'kubernetes:Deployment',
          reason: 'forbidden',
          message: 'list denied',
        },
      ],
    });

    expect(result.verdict).toBe('unknown');
  });

  it('is unknown when listing Services failed', () => {
    const result = runCheck(noHostNetwork, {
      resources: deployment(CONTAINER),
      kubernetesNamespaceRead: true,
      failures: [
        {
          target: 'kubernetes:Service',
          reason: 'forbidden',
          message: 'list denied',
        },
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.message).toContain('Service');
  });

  it('is unknown when listing StatefulSets failed', () => {
    const result = runCheck(noHostNetwork, {
      resources: deployment(CONTAINER),
      scope: { namespace: 'a0008' },
      kubernetesNamespaceRead: true,
      failures: [
        {
          target: 'kubernetes:StatefulSet',
          reason: 'forbidden',
          message: 'statefulsets is forbidden',
        },
      ],
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
    expect(result.message).toContain('StatefulSet objects');
  });
});
