import { KubernetesResource } from '../types';
import { kubernetes } from './resourceSets';

/** Returns a Traefik IngressRoute that sends the aks-baseline host to the aspnetapp Service. */
export function aspnetappIngressRoute(): KubernetesResource[] {
  return kubernetes(`
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: aspnetapp
  namespace: a0008
spec:
  entryPoints: [websecure]
  routes:
  - match: Host(\`app.aks-ingress.contoso.com\`)
    kind: Rule
    services:
    - name: aspnetapp-service
      port: 80
  tls: {}
`);
}
