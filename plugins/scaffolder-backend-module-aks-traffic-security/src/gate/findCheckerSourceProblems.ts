import fs from 'fs/promises';
import path from 'path';

/** The npm scope of the check command-line tool that the pipelines run. */
export const CHECKER_SCOPE = '@aks-traffic-security';

/** The pipeline files and folders of the publish targets, relative to the workspace. */
const PIPELINE_FILES = [
  'azure-pipelines.yml',
  'azure-pipelines.yaml',
  '.github/workflows',
];

/** Hosts of the public npm registry, where anyone may claim an unused scope. */
const PUBLIC_REGISTRY_HOSTS = new Set([
  'registry.npmjs.org',
  'registry.npmjs.com',
  'registry.yarnpkg.com',
]);

/** An exact version, such as `0.1.0` or `1.2.3-rc.1`, not a range or a tag. */
const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** The check command as a pipeline runs it, `aks-traffic-security check`. */
const CHECK_COMMAND = /(^|[\s'"])aks-traffic-security\s+check\b/m;

/**
 * A package of the tool's scope as a pipeline names it, in any form npx
 * takes (`--package`, `-p`, a positional argument, quoted or not), with the
 * version after its second `@`.
 */
const SCOPED_PACKAGE = new RegExp(
  `${CHECKER_SCOPE}/[A-Za-z0-9._-]+(?:@[^\\s'"\`]*)?`,
  'g',
);

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
  const problems: string[] = [];
  let runsTool = false;

  for (const { file, text } of pipelines) {
    const specs = checkerSpecs(text);
    if (specs.length === 0 && CHECK_COMMAND.test(text)) {
      problems.push(
        `${file} runs aks-traffic-security without naming its package, so npx would fetch a package named aks-traffic-security from the public npm registry; run it with --package ${CHECKER_SCOPE}/plugin-aks-traffic-security-node@<exact version>`,
      );
    }
    runsTool ||= specs.length > 0;
    problems.push(...specs.flatMap(spec => unpinnedSpec(file, spec)));
  }

  if (runsTool) {
    const registryProblem = describeRegistryProblem(
      await scopeRegistry(workspacePath),
    );
    if (registryProblem) {
      problems.push(registryProblem);
    }
  }
  return problems;
}

/** Returns a message when a package spec of the tool's scope lacks an exact version. */
function unpinnedSpec(file: string, spec: string): string[] {
  const [name, version] = spec.slice(1).split('@');
  if (version !== undefined && EXACT_VERSION.test(version)) {
    return [];
  }
  return [
    `${file} runs '${spec}' through npx; pin an exact version, such as @${name}@0.1.0`,
  ];
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
      const entries = await fs.readdir(absolute, { withFileTypes: true });
      files.push(
        ...entries
          .filter(item => item.isFile() && /\.ya?ml$/.test(item.name))
          .map(item => `${entry}/${item.name}`),
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

/** Returns the package specs of the tool's scope that a pipeline names. */
function checkerSpecs(text: string): string[] {
  return [...text.matchAll(SCOPED_PACKAGE)].map(match => match[0]);
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
    if (trimmed.startsWith('[')) {
      // Keys after a section header belong to that section, which npm
      // does not read as its configuration.
      break;
    }
    const separator = trimmed.indexOf('=');
    if (
      separator > 0 &&
      unquote(trimmed.slice(0, separator)) === `${CHECKER_SCOPE}:registry`
    ) {
      // npm reads .npmrc as an ini file, where the last of repeated keys wins.
      registry = unquote(trimmed.slice(separator + 1));
    }
  }
  return registry;
}

/** Trims an ini key or value and removes the quotes around it, as npm's ini reader does. */
function unquote(text: string): string {
  const trimmed = text.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return quoted ? quoted[2] : trimmed;
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
  // A fully qualified name with its root dot names the same host.
  const host = url.hostname.toLowerCase().replace(/\.+$/, '');
  if (PUBLIC_REGISTRY_HOSTS.has(host)) {
    return `.npmrc maps ${CHECKER_SCOPE} to the public npm registry '${registry}', where anyone may publish a package of the check tool's name; expected ${expected}`;
  }
  return undefined;
}
