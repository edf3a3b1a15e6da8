import fs from 'fs/promises';
import path from 'path';
import { parseAllDocuments } from 'yaml';

/** The folder of the repository's history, which is not deployed. */
const GIT_FOLDER = '.git';

/** The folder of the Bicep files, the only place the deployment reads them from. */
const BICEP_FOLDER = 'infra';

/** A marker for a document that does not parse or expand. */
const UNREADABLE = Symbol('unreadable');

/** Files that Kubernetes packaging tools read to build or change objects. */
const PACKAGING_FILES = new Set([
  'chart.yaml',
  'kustomization.yaml',
  'kustomization.yml',
  'kustomization',
]);

/**
 * Finds deployable files that the gate does not read. Outside
 * `resourceFolders` those are Kubernetes objects, files that do not parse,
 * kustomizations, Helm charts, ARM templates and dependency folders; anywhere
 * but `infra/`, Bicep files. Such a file could deploy something no check
 * judged. Backstage entity files and files without `apiVersion` and `kind`,
 * such as pipelines, are allowed. Returns one message per file or folder.
 */
export async function findManifestsOutsideResourceFolders(
  workspacePath: string,
  resourceFolders: readonly string[],
): Promise<string[]> {
  const problems: string[] = [];

  const visit = async (relative: string): Promise<void> => {
    const entries = await fs.readdir(path.join(workspacePath, relative), {
      withFileTypes: true,
    });
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      const inResourceFolder = resourceFolders.includes(child.split('/')[0]);
      if (entry.isDirectory() && entry.name === 'node_modules') {
        // A tool that applies a folder recursively would read a dependency
        // folder. Resource reading reports those in the resource folders.
        if (!inResourceFolder) {
          problems.push(
            `${child} is a dependency folder, which the gate does not read; do not commit dependencies`,
          );
        }
      } else if (entry.isDirectory() && entry.name !== GIT_FOLDER) {
        await visit(child);
      } else if (entry.isFile()) {
        const problem = await describeDeployableFile(
          workspacePath,
          child,
          resourceFolders,
        );
        if (problem) {
          problems.push(problem);
        }
      }
    }
  };
  await visit('');

  return problems;
}

async function describeDeployableFile(
  workspacePath: string,
  file: string,
  resourceFolders: readonly string[],
): Promise<string | undefined> {
  const name = path.basename(file).toLowerCase();
  const folder = file.split('/')[0];
  const isBicep = name.endsWith('.bicep') || name.endsWith('.bicepparam');
  if (resourceFolders.includes(folder)) {
    // The resource folders are read as resources, but Bicep is not.
    return isBicep && folder !== BICEP_FOLDER
      ? `${file} is a Bicep file outside ${BICEP_FOLDER}/, where the deployment reads them; keep Bicep files in ${BICEP_FOLDER}/`
      : undefined;
  }

  const where = `${file} is outside ${resourceFolders
    .map(resourceFolder => `${resourceFolder}/`)
    .join(' and ')}, which the gate reads`;
  if (PACKAGING_FILES.has(name)) {
    return `${where}, and Kubernetes packaging tools read it to build objects no check judged; keep manifests in kubernetes/ as plain files`;
  }
  if (isBicep) {
    return `${where}; keep Bicep files in infra/`;
  }
  if (!/\.(ya?ml|json)$/.test(name)) {
    return undefined;
  }

  const text = await fs.readFile(path.join(workspacePath, file), 'utf8');
  if (
    name.endsWith('.json') &&
    /"\$schema"\s*:\s*"[^"]*deploymentTemplate/i.test(text)
  ) {
    return `${where}, and it is an ARM template; keep it in infra/`;
  }
  const documents = parseAllDocuments(text, { merge: true });
  const readable = documents.map(readDocument);
  // A document that does not parse may still be applied by a more lenient
  // reader, so it is rejected rather than let through unread.
  if (readable.some(document => document === UNREADABLE)) {
    return `${where}, and it cannot be parsed as YAML or JSON, so whether it declares Kubernetes objects is not known; fix it or move it to kubernetes/`;
  }
  return readable.some(isKubernetesObject)
    ? `${where}, and it declares Kubernetes objects; move them to kubernetes/`
    : undefined;
}

function readDocument(
  document: ReturnType<typeof parseAllDocuments>[number],
): unknown {
  if (document.errors.length > 0) {
    return UNREADABLE;
  }
  try {
    return document.toJS({ maxAliasCount: 1000 });
  } catch {
    return UNREADABLE;
  }
}

/** Tells whether a document is a Kubernetes object, which a Backstage entity is not. */
function isKubernetesObject(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as any).apiVersion === 'string' &&
    typeof (value as any).kind === 'string' &&
    !(value as any).apiVersion.startsWith('backstage.io/')
  );
}
