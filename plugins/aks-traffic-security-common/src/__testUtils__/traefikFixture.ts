import { JsonObject, Resource } from '../types';
import { objectsAt } from '../resources/json';
import { fixture } from './resourceSets';

/** Edits applied to a copy of the aks-baseline Traefik manifests. */
export interface TraefikFixtureEdits {
  /** Rewrites the `traefik.toml` entry of the `traefik-ingress-config` ConfigMap. */
  toml?: (text: string) => string;
  /** Changes the body of the `traefik-ingress-controller` Deployment in place. */
  deployment?: (body: JsonObject) => void;
  /** Entries added to the `traefik-ingress-config` ConfigMap. */
  extraData?: Record<string, string>;
}

/**
 * Reads `aks-baseline/traefik.yaml`, whose Deployment runs Traefik with
 * `--configfile=/config/traefik.toml` from the `traefik-ingress-config`
 * ConfigMap mounted at `/config`, and applies the edits to copies.
 */
export function aksBaselineTraefik(
  edits: TraefikFixtureEdits = {},
): Resource[] {
  return fixture('aks-baseline/traefik.yaml').map(resource => {
    if (resource.kind !== 'kubernetes') {
      return resource;
    }
    if (
      resource.objectKind === 'ConfigMap' &&
      (edits.toml || edits.extraData)
    ) {
      const data = resource.body.data as Record<string, string>;
      const toml = edits.toml ?? (text => text);
      return {
        ...resource,
        body: {
          ...resource.body,
          data: {
            ...data,
            'traefik.toml': toml(data['traefik.toml']),
            ...edits.extraData,
          },
        },
      };
    }
    if (resource.objectKind === 'Deployment' && edits.deployment) {
      const body = structuredClone(resource.body);
      edits.deployment(body);
      return { ...resource, body };
    }
    return resource;
  });
}

/** Removes the `[providers.file]` table and its keys from a Traefik TOML file. */
export function withoutFileProvider(toml: string): string {
  return toml.replace(
    /\n\s*\[providers\.file\]\n\s*filename = "[^"]*"\n\s*watch = true/,
    '',
  );
}

/** Returns a Deployment edit that points the `config` volume at another ConfigMap. */
export function configVolumeNamed(name: string): (body: JsonObject) => void {
  return body => {
    const volume = objectsAt(body, 'spec.template.spec.volumes').find(
      candidate => candidate.name === 'config',
    );
    if (!volume) {
      throw new Error('the fixture Deployment has no volume named config');
    }
    volume.configMap = { name };
  };
}

/** Returns a Deployment edit that replaces the Traefik container's arguments. */
export function containerArgsSetTo(args: string[]): (body: JsonObject) => void {
  return body => {
    const [container] = objectsAt(body, 'spec.template.spec.containers');
    container.args = args;
  };
}
