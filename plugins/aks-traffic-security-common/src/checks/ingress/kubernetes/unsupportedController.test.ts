import { evaluate } from '../../../evaluator/evaluate';
import {
  arm,
  fixture,
  kubernetes,
  resourceSet,
} from '../../../__testUtils__/resourceSets';
import { AssessmentScope, Resource } from '../../../types';
import { unsupportedController } from './unsupportedController';

const CLUSTER_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1';

function resultFor(
  resources: Resource[],
  scope: AssessmentScope = { namespace: 'a0008' },
) {
  return evaluate(
    resourceSet({ resources, scope, kubernetesNamespaceRead: true }),
    {
      checks: [unsupportedController],
    },
  ).checks[0];
}

function ingress(className: string) {
  return kubernetes(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: a0008
spec:
  ingressClassName: ${className}
  rules:
  - host: app.aks-ingress.contoso.com
`);
}

function controllerDeployment(image: string, args: string[] = []) {
  return kubernetes(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller
  namespace: ingress
spec:
  template:
    spec:
      containers:
      - name: controller
        image: ${image}
        args: ${JSON.stringify(args)}
`);
}

describe('ingress.k8s.unsupported-controller', () => {
  it('passes an Ingress whose IngressClass is Traefik', () => {
    const ingressClass = kubernetes(`
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: internal
spec:
  controller: traefik.io/ingress-controller
`);
    const result = resultFor([...ingress('internal'), ...ingressClass]);
    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].resource).toBe('IngressClass/internal');
  });

  it('fails an IngressClass of community ingress-nginx', () => {
    const ingressClass = kubernetes(`
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
`);
    const result = resultFor([...ingress('nginx'), ...ingressClass]);
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('retired in March 2026');
  });

  it('fails the application routing NGINX class and notes the add-on', () => {
    const cluster = arm({
      id: CLUSTER_ID,
      name: 'aks-1',
      type: 'Microsoft.ContainerService/managedClusters',
      properties: { ingressProfile: { webAppRouting: { enabled: true } } },
    });
    const result = resultFor([
      ...ingress('webapprouting.kubernetes.azure.com'),
      cluster,
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('November 2026');
    expect(result.evidence.map(item => item.resource)).toContain(CLUSTER_ID);
  });

  it('fails an extra application routing controller by its controller name', () => {
    const ingressClass = kubernetes(`
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx-internal
spec:
  controller: webapprouting.kubernetes.azure.com/nginx/nginx-internal
`);
    expect(
      resultFor([...ingress('nginx-internal'), ...ingressClass]).verdict,
    ).toBe('fail');
  });

  it('is unknown for the class name nginx without its IngressClass', () => {
    const result = resultFor(ingress('nginx'));
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unidentified-controller');
  });

  it('identifies the class from the --ingress-class argument of a controller', () => {
    const result = resultFor([
      ...ingress('nginx'),
      ...controllerDeployment(
        'registry.k8s.io/ingress-nginx/controller:v1.11.3',
        ['/nginx-ingress-controller', '--ingress-class=nginx'],
      ),
    ]);
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].path).toBe('args --ingress-class');
  });

  it('identifies the class from the Traefik configuration without its IngressClass', () => {
    const withoutIngressClass = fixture(
      'aks-baseline/02-aspnetapp-ingress.yaml',
    ).filter(
      resource =>
        resource.kind === 'kubernetes' &&
        resource.objectKind !== 'IngressClass',
    );
    const result = resultFor([
      ...withoutIngressClass,
      ...fixture('aks-baseline/traefik.yaml'),
    ]);
    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].path).toBe(
      'data["traefik.toml"] providers.kubernetesIngress.ingressClass',
    );
  });

  it('passes the application routing Gateway API implementation', () => {
    const gateway = kubernetes(`
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: internal
  namespace: a0008
spec:
  gatewayClassName: approuting-istio
  listeners: []
`);
    expect(resultFor(gateway).verdict).toBe('pass');
  });

  it('passes a Gateway whose GatewayClass is Application Gateway for Containers', () => {
    const resources = kubernetes(`
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: azure-alb-external
spec:
  controllerName: alb.networking.azure.io/alb-controller
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: internal
  namespace: a0008
spec:
  gatewayClassName: azure-alb-external
  listeners: []
`);
    expect(resultFor(resources).verdict).toBe('pass');
  });

  it('fails a mirrored ingress-nginx image without any Ingress', () => {
    const result = resultFor(
      controllerDeployment(
        'myregistry.azurecr.io/ingress-nginx/controller:v1.12.1',
      ),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].observed).toBe(
      'myregistry.azurecr.io/ingress-nginx/controller:v1.12.1',
    );
  });

  it('tells the application routing build apart by its controller class', () => {
    const result = resultFor(
      controllerDeployment(
        'mcr.microsoft.com/oss/kubernetes/ingress/nginx-ingress-controller:v1.11.5',
        [
          '/nginx-ingress-controller',
          '--controller-class=webapprouting.kubernetes.azure.com/nginx',
        ],
      ),
    );
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('application routing');
  });

  it('is unknown when nothing identifies the controller', () => {
    const result = resultFor([]);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('missing-resource');
  });

  it('is unknown when the Ingress list failed', () => {
    const result = evaluate(
      resourceSet({
        resources: [],
        kubernetesNamespaceRead: true,
        failures: [
          {
            target: 'kubernetes:Ingress',
            reason: 'forbidden',
            message: 'forbidden',
          },
        ],
      }),
      { checks: [unsupportedController] },
    ).checks[0];
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('forbidden');
  });

  describe('fixtures', () => {
    it('fails the regulated ingress-nginx deployment', () => {
      const result = resultFor(
        fixture('aks-baseline-regulated/deployment.yaml'),
        {},
      );
      expect(result.verdict).toBe('fail');
      expect(result.message).toContain(
        'ingress-nginx/Deployment/ingress-nginx-controller',
      );
      expect(result.message).toContain('IngressClass/nginx');
    });

    it('fails the regulated Ingress, which uses the nginx class', () => {
      const result = resultFor(
        [
          ...fixture('aks-baseline-regulated/ingress.yaml'),
          ...fixture('aks-baseline-regulated/deployment.yaml'),
        ],
        { namespace: 'a0005-i' },
      );
      expect(result.verdict).toBe('fail');
      expect(result.message).toContain('a0005-i/Ingress/web-frontend');
    });

    it('passes aks-baseline Traefik', () => {
      const result = resultFor([
        ...fixture('aks-baseline/traefik.yaml'),
        ...fixture('aks-baseline/02-aspnetapp-ingress.yaml'),
      ]);
      expect(result.verdict).toBe('pass');
      expect(result.evidence.map(item => item.resource)).toEqual([
        'IngressClass/traefik-internal',
        'a0008/Deployment/traefik-ingress-controller',
      ]);
    });

    it.each([
      'agic/ingress-http.yaml',
      'agic/ingress-https.yaml',
      'agic/ing-guestbook-tls-sni.yaml',
    ])('passes the AGIC sample %s', file => {
      expect(resultFor(fixture(file), {}).verdict).toBe('pass');
    });
  });
});
