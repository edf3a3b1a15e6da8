import fs from 'fs/promises';
import path from 'path';

/** The npm scope of the check command-line tool that the pipelines run. */
export const CHECKER_SCOPE = '@aks-traffic-security';

/** The pipeline files of the publish targets, relative to the workspace. */
const PIPELINE_FILES = ['azure-pipelines.yml', '.github/workflows'];

/** Hosts of the public npm registry, where anyone may claim an unused scope. */
const PUBLIC_REGISTRY_HOSTS = new Set([
  'registry.npmjs.org',
  'registry.npmjs.com',
  'registry.yarnpkg.com',
]);

/** An exact version, such as `0.1.0` or `1.2.3-rc.1`, not a range or a tag. */
const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * Checks that the rendered pipelines run the check tool at an exact version,
 * from the registry that `.npmrc` maps its scope to, and that this registry
 * is not the public one. The tool is not published there, so anyone could
 * publish a package of its name. Returns one message per problem.
 */
export async function findCheckerSourceProblems(
  workspacePath: string,
): Promise<string[]> {
  const pipelines = await readPipelines(workspacePath);
  const specs = pipelines.flatMap(({ file, text }) =>
    checkerSpecs(text).map(spec => ({ file, spec })),
  );
  if (specs.length === 0) {
    return [];
  }

  const problems = specs.flatMap(({ file, spec }) => {
    const version = spec.slice(spec.indexOf('/') + 1).split('@')[1];
    return version !== undefined && EXACT_VERSION.test(version)
      ? []
      : [
          `${file} runs '${spec}' through npx; pin an exact version, such as ${spec
            .split('@')
            .slice(0, 2)
            .join('@')}@0.1.0`,
        ];
  });

  const registry = await scopeRegistry(workspacePath);
  const registryProblem = describeRegistryProblem(registry);
  if (registryProblem) {
    problems.push(registryProblem);
  }
  return problems;
}

async function readPipelines(
  workspacePath: string,
): Promise<Array<{ file: string; text: string }>> {
  const files: string[] = [];
  for (const entry of PIPELINE_FILES) {
    const absolute = path.join(workspacePath, entry);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (stat?.isFile()) {
      files.push(entry);
    } else if (stat?.isDirectory()) {
      const names = await fs.readdir(absolute);
      files.push(
        ...names
          .filter(name => /\.ya?ml$/.test(name))
          .map(name => `${entry}/${name}`),
      );
    }
  }

  return Promise.all(
    files.map(async file => ({
      file,
      text: await fs.readFile(path.join(workspacePath, file), 'utf8'),
    })),
  );
}

/** Returns the package specs of the tool's scope that `--package` names. */
function checkerSpecs(text: string): string[] {
  const pattern = new RegExp(`--package[= ]+(${CHECKER_SCOPE}/[^\\s'"]+)`, 'g');
  return [...text.matchAll(pattern)].map(match => match[1]);
}

/**
 * Returns the registry that `.npmrc` in the workspace maps the tool's scope
 * to: `undefined` when the file or the line is missing.
 */
async function scopeRegistry(
  workspacePath: string,
): Promise<string | undefined> {
  const text = await fs
    .readFile(path.join(workspacePath, '.npmrc'), 'utf8')
    .catch(() => undefined);
  if (text === undefined) {
    return undefined;
  }

  let registry: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      continue;
    }
    const separator = trimmed.indexOf('=');
    if (
      separator > 0 &&
      trimmed.slice(0, separator).trim() === `${CHECKER_SCOPE}:registry`
    ) {
      // npm reads .npmrc as an ini file, where the last of repeated keys wins.
      registry = trimmed.slice(separator + 1).trim();
    }
  }
  return registry;
}

function describeRegistryProblem(
  registry: string | undefined,
): string | undefined {
  const expected = `an https URL of the platform's own npm feed, such as ${CHECKER_SCOPE}:registry=https://pkgs.dev.azure.com/<organization>/_packaging/<feed>/npm/registry/`;
  if (registry === undefined) {
    return `.npmrc does not map ${CHECKER_SCOPE} to a registry, so npx would fetch the check tool from the public npm registry; expected ${expected}`;
  }

  let url: URL | undefined;
  try {
    url = new URL(registry);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:') {
    return `.npmrc maps ${CHECKER_SCOPE} to '${registry}'; expected ${expected}`;
  }
  if (PUBLIC_REGISTRY_HOSTS.has(url.hostname.toLowerCase())) {
    return `.npmrc maps ${CHECKER_SCOPE} to the public npm registry '${registry}', where anyone may publish a package of the check tool's name; expected ${expected}`;
  }
  return undefined;
}
