// Validates Kubernetes objects, read as a JSON array from standard input,
// against the OpenAPI schemas that the kubernetes-models packages ship, and
// prints one result per object as JSON. It runs in its own Node.js process
// because those packages are ES modules that Jest's CommonJS loader cannot load.
import { readFileSync } from 'node:fs';

const core = await import('kubernetes-models/v1');
const apps = await import('kubernetes-models/apps/v1');
const networking = await import('kubernetes-models/networking.k8s.io/v1');
const gatewayApi = await import(
  '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1'
);
const traefik = await import('@kubernetes-models/traefik/traefik.io/v1alpha1');

const MODELS = {
  'v1/Service': core.Service,
  'v1/ServiceAccount': core.ServiceAccount,
  'apps/v1/Deployment': apps.Deployment,
  'networking.k8s.io/v1/Ingress': networking.Ingress,
  'networking.k8s.io/v1/NetworkPolicy': networking.NetworkPolicy,
  'gateway.networking.k8s.io/v1/Gateway': gatewayApi.Gateway,
  'gateway.networking.k8s.io/v1/HTTPRoute': gatewayApi.HTTPRoute,
  'gateway.networking.k8s.io/v1/BackendTLSPolicy': gatewayApi.BackendTLSPolicy,
  'traefik.io/v1alpha1/TLSOption': traefik.TLSOption,
  'traefik.io/v1alpha1/ServersTransport': traefik.ServersTransport,
};

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = objects.map(object => {
  const type = `${object.apiVersion}/${object.kind}`;
  const Model = MODELS[type];
  if (!Model) {
    return { type, name: object.metadata?.name, validated: false };
  }
  try {
    new Model(object).validate();
    return { type, name: object.metadata?.name, validated: true };
  } catch (error) {
    return {
      type,
      name: object.metadata?.name,
      validated: true,
      error: error.message,
    };
  }
});
process.stdout.write(JSON.stringify(results));
