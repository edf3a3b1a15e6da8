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
});
