import { parse as parseYaml } from 'yaml';
import { JsonObject, KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { getPath, isJsonObject, objectsAt } from '../../../resources/json';
import { objectsInNamespace } from './kubernetesObjects';
import { memoizeBounded } from '../../../resources/memoizeBounded';
import { parserErrorMessage } from '../../../resources/parserErrorMessage';

/** The CSI driver name of the Secrets Store CSI driver. */
export const SECRETS_STORE_CSI_DRIVER = 'secrets-store.csi.k8s.io';

/** One Key Vault object of a SecretProviderClass's `objects` parameter. */
export interface KeyVaultObject {
  objectName: string;
  objectAlias?: string;
  /** `secret`, `key` or `cert`, as written. */
  objectType?: string;
  /** The file name in the mount: the alias when set, else the object name. */
  fileName: string;
}

/** The parsed `objects` parameter, or why it cannot be parsed. */
export type ParsedObjects =
  | { ok: true; objects: KeyVaultObject[] }
  | { ok: false; problem: string };

/** One `spec.secretObjects` entry: a Kubernetes Secret the driver syncs. */
export interface SyncedSecret {
  secretName: string;
  type?: string;
  data: Array<{ objectName: string; key: string }>;
}

/**
 * Reads a SecretProviderClass parameter the way the Azure provider does:
 * an exact, case-sensitive key (Go map lookup) with surrounding spaces
 * trimmed. An empty value counts as unset.
 */
export function spcParameter(
  spc: KubernetesResource,
  key: string,
): string | undefined {
  const parameters = getPath(spc.body, 'spec.parameters');
  if (!isJsonObject(parameters)) {
    return undefined;
  }
  const value = parameters[key];
  if (value === undefined || value === null || typeof value === 'object') {
    return undefined;
  }
  const text = String(value).trim();
  return text.length > 0 ? text : undefined;
}

function parseObjects(text: string): ParsedObjects {
  let outer: unknown;
  try {
    outer = parseYaml(text);
  } catch (error) {
    return {
      ok: false,
      problem: `the objects parameter is not valid YAML: ${parserErrorMessage(
        error,
      )}`,
    };
  }
  const array = isJsonObject(outer) ? outer.array : undefined;
  if (!Array.isArray(array)) {
    return { ok: false, problem: 'the objects parameter has no array list' };
  }

  const objects: KeyVaultObject[] = [];
  for (const [index, item] of array.entries()) {
    if (typeof item !== 'string') {
      return {
        ok: false,
        problem: `objects array entry ${index} is not a YAML string`,
      };
    }
    let inner: unknown;
    try {
      inner = parseYaml(item);
    } catch (error) {
      return {
        ok: false,
        problem: `objects array entry ${index} is not valid YAML: ${parserErrorMessage(
          error,
        )}`,
      };
    }
    if (
      !isJsonObject(inner) ||
      typeof inner.objectName !== 'string' ||
      inner.objectName === ''
    ) {
      return {
        ok: false,
        problem: `objects array entry ${index} has no objectName`,
      };
    }
    objects.push(keyVaultObject(inner));
  }
  return { ok: true, objects };
}

// Every service of a cluster is judged against the cluster's controller
// SecretProviderClasses, so each distinct text is parsed once.
const parseObjectsText = memoizeBounded(parseObjects);

/**
 * Parses the `objects` parameter, which is YAML inside a YAML string: a
 * document with an `array` of strings, each of them a YAML document
 * describing one object. Field names are case-sensitive, as in the
 * provider's `yaml.v3` struct tags.
 */
export function parseSpcObjects(spc: KubernetesResource): ParsedObjects {
  const text = spcParameter(spc, 'objects');
  if (text === undefined) {
    return { ok: false, problem: 'the objects parameter is missing or empty' };
  }
  return parseObjectsText(text);
}

function keyVaultObject(inner: JsonObject): KeyVaultObject {
  const objectName = String(inner.objectName);
  const objectAlias =
    typeof inner.objectAlias === 'string' && inner.objectAlias !== ''
      ? inner.objectAlias
      : undefined;
  return {
    objectName,
    objectAlias,
    objectType:
      typeof inner.objectType === 'string' ? inner.objectType : undefined,
    fileName: objectAlias ?? objectName,
  };
}

/** Returns the Secrets a SecretProviderClass syncs (`spec.secretObjects`). */
export function syncedSecrets(spc: KubernetesResource): SyncedSecret[] {
  return objectsAt(spc.body, 'spec.secretObjects')
    .filter(entry => typeof entry.secretName === 'string')
    .map(entry => ({
      secretName: String(entry.secretName),
      type: typeof entry.type === 'string' ? entry.type : undefined,
      data: objectsAt(entry, 'data')
        .filter(
          item =>
            typeof item.objectName === 'string' && typeof item.key === 'string',
        )
        .map(item => ({
          objectName: String(item.objectName),
          key: String(item.key),
        })),
    }));
}

/** Returns the SecretProviderClasses in a namespace. */
export function secretProviderClassesIn(
  context: EvaluationContext,
  namespace: string | undefined,
): KubernetesResource[] {
  return objectsInNamespace(context, 'SecretProviderClass', namespace);
}

/**
 * Returns the SecretProviderClass in a namespace whose `secretObjects` syncs
 * a Secret of the given name, if any.
 */
export function spcSyncingSecret(
  context: EvaluationContext,
  namespace: string | undefined,
  secretName: string,
): KubernetesResource | undefined {
  return secretProviderClassesIn(context, namespace).find(spc =>
    syncedSecrets(spc).some(secret => secret.secretName === secretName),
  );
}
