import fs from 'fs/promises';
import path from 'path';
import { parseAllDocuments } from 'yaml';

/** Folders that contain no deployable files, or that are not the service's own. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/** Files that Kubernetes packaging tools read to build or change objects. */
const PACKAGING_FILES = new Set([
  'chart.yaml',
  'kustomization.yaml',
  'kustomization.yml',
  'kustomization',
]);

/**
 * Finds deployable files outside the folders the gate reads: Kubernetes
 * objects, kustomizations and Helm charts anywhere else, and Bicep or ARM
 * templates outside `infra/`. The gate judges only `resourceFolders`, so such
 * a file could deploy something no check judged. Backstage entity files and
 * files without `apiVersion` and `kind`, such as pipelines, are allowed.
 * Returns one message per file.
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
      if (entry.isDirectory()) {
        if (
          !SKIPPED_FOLDERS.has(entry.name) &&
          !resourceFolders.includes(child)
        ) {
          await visit(child);
        }
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
  const where = `${file} is outside ${resourceFolders
    .map(folder => `${folder}/`)
    .join(' and ')}, which the gate reads`;
  if (PACKAGING_FILES.has(name)) {
    return `${where}, and Kubernetes packaging tools read it to build objects no check judged; keep manifests in kubernetes/ as plain files`;
  }
  if (name.endsWith('.bicep') || name.endsWith('.bicepparam')) {
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
  const declaresObjects = parseAllDocuments(text, { merge: true }).some(
    document => {
      if (document.errors.length > 0) {
        return false;
      }
      let value: any;
      try {
        value = document.toJS({ maxAliasCount: 1000 });
      } catch {
        // Too many aliases to expand: judge it as declaring objects, so
        // it is rejected rather than let through unread.
        return true;
      }
      return (
        value !== null &&
        typeof value === 'object' &&
        typeof value.apiVersion === 'string' &&
        typeof value.kind === 'string' &&
        !value.apiVersion.startsWith('backstage.io/')
      );
    },
  );
  return declaresObjects
    ? `${where}, and it declares Kubernetes objects; move them to kubernetes/`
    : undefined;
}
