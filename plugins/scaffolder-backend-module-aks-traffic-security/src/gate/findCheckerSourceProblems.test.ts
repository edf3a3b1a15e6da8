import { createMockDirectory } from '@backstage/backend-test-utils';
import { findCheckerSourceProblems } from './findCheckerSourceProblems';

const FEED =
  'https://pkgs.dev.azure.com/contoso/_packaging/platform/npm/registry/';
const TOOL = '@aks-traffic-security/plugin-aks-traffic-security-node';

/** Returns a workflow that runs the tool with `npx`, `option` before the spec. */
function workflow(spec: string, option = '--package '): string {
  return [
    'jobs:',
    '  check:',
    '    steps:',
    '      - run: >-',
    `          npx --yes ${option}${spec}`,
    '          aks-traffic-security check --repository kubernetes infra',
    '',
  ].join('\n');
}

describe('findCheckerSourceProblems', () => {
  const directory = createMockDirectory();

  it('accepts a pinned tool from the scope of the platform feed', async () => {
    directory.setContent({
      '.npmrc': `# the platform feed\n@aks-traffic-security:registry=${FEED}\n`,
      '.github/workflows/compliance.yaml': workflow(`${TOOL}@0.1.0`),
    });

    await expect(findCheckerSourceProblems(directory.path)).resolves.toEqual(
      [],
    );
  });

  it('needs nothing when no pipeline runs the tool', async () => {
    directory.setContent({ 'README.md': `npx --package ${TOOL}` });

    await expect(findCheckerSourceProblems(directory.path)).resolves.toEqual(
      [],
    );
  });

  it('rejects a pipeline without .npmrc', async () => {
    directory.setContent({ 'azure-pipelines.yml': workflow(`${TOOL}@0.1.0`) });

    await expect(findCheckerSourceProblems(directory.path)).resolves.toEqual([
      expect.stringMatching(
        /^\.npmrc does not map @aks-traffic-security to a registry, so npx would fetch the check tool from the public npm registry; expected an https URL/,
      ),
    ]);
  });

  it.each([
    [
      'the public registry',
      'https://registry.npmjs.org/',
      'public npm registry',
    ],
    ['the yarn mirror', 'https://REGISTRY.yarnpkg.com', 'public npm registry'],
    ['plain http', 'http://feed.contoso.com/npm/', 'expected an https URL'],
    ['no URL', 'feed', 'expected an https URL'],
    ['an unresolved variable', '${FEED_URL}', 'expected an https URL'],
    [
      'the public registry with a root dot',
      'https://registry.npmjs.org./',
      'public npm registry',
    ],
  ])('rejects a scope mapped to %s', async (_case, registry, message) => {
    directory.setContent({
      '.npmrc': `@aks-traffic-security:registry=${registry}\n`,
      '.github/workflows/compliance.yaml': workflow(`${TOOL}@0.1.0`),
    });

    const problems = await findCheckerSourceProblems(directory.path);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`'${registry}'`);
    expect(problems[0]).toContain(message);
  });

  it('uses the last mapping of the scope, as npm does', async () => {
    directory.setContent({
      '.npmrc': [
        `@aks-traffic-security:registry=${FEED}`,
        '; a later line wins',
        '@aks-traffic-security:registry = https://registry.npmjs.org/',
      ].join('\n'),
      'azure-pipelines.yml': workflow(`${TOOL}@0.1.0`),
    });

    await expect(findCheckerSourceProblems(directory.path)).resolves.toEqual([
      expect.stringContaining(`the public npm registry`),
    ]);
  });

  it('reads quoted keys and values as npm does', async () => {
    directory.setContent({
      '.npmrc': [
        `@aks-traffic-security:registry=${FEED}`,
        '"@aks-traffic-security:registry" = "https://registry.npmjs.org/"',
      ].join('\n'),
      'azure-pipelines.yml': workflow(`${TOOL}@0.1.0`),
    });

    await expect(findCheckerSourceProblems(directory.path)).resolves.toEqual([
      expect.stringContaining('the public npm registry'),
    ]);
  });

  it('ignores a mapping inside a section', async () => {
    directory.setContent({
      '.npmrc': `[feed]\n@aks-traffic-security:registry=${FEED}\n`,
      'azure-pipelines.yaml': workflow(`${TOOL}@0.1.0`),
    });

    await expect(findCheckerSourceProblems(directory.path)).resolves.toEqual([
      expect.stringContaining('.npmrc does not map @aks-traffic-security'),
    ]);
  });

  it('rejects a pipeline that runs the tool unnamed', async () => {
    directory.setContent({
      '.npmrc': `@aks-traffic-security:registry=${FEED}\n`,
      '.github/workflows/compliance.yaml':
        'steps:\n  - run: npx --yes aks-traffic-security check --repository infra\n',
    });

    await expect(findCheckerSourceProblems(directory.path)).resolves.toEqual([
      expect.stringMatching(
        /^\.github\/workflows\/compliance\.yaml runs aks-traffic-security without naming its package/,
      ),
    ]);
  });

  it('skips folders named like pipeline files', async () => {
    directory.setContent({
      '.npmrc': `@aks-traffic-security:registry=${FEED}\n`,
      '.github/workflows/compliance.yaml': workflow(`${TOOL}@0.1.0+build.7`),
      '.github/workflows/archive.yml/old.yaml': workflow(TOOL),
    });

    await expect(findCheckerSourceProblems(directory.path)).resolves.toEqual(
      [],
    );
  });

  it('ignores a commented-out mapping', async () => {
    directory.setContent({
      '.npmrc': `# @aks-traffic-security:registry=${FEED}\n`,
      'azure-pipelines.yml': workflow(`${TOOL}@0.1.0`),
    });

    await expect(findCheckerSourceProblems(directory.path)).resolves.toEqual([
      expect.stringContaining('.npmrc does not map @aks-traffic-security'),
    ]);
  });

  it.each([
    ['no version', `--package ${TOOL}`, TOOL],
    ['a range', `--package ${TOOL}@^0.1.0`, `${TOOL}@^0.1.0`],
    ['a tag', `--package ${TOOL}@latest`, `${TOOL}@latest`],
    ['a short option', `-p ${TOOL}@latest`, `${TOOL}@latest`],
    ['quotes', `--package='${TOOL}@latest'`, `${TOOL}@latest`],
    ['an equals sign', `--package="${TOOL}"`, TOOL],
    ['a line break', `--package\n          ${TOOL}`, TOOL],
    ['no option', `${TOOL}@latest`, `${TOOL}@latest`],
  ])('rejects a tool spec with %s', async (_case, argument, spec) => {
    directory.setContent({
      '.npmrc': `@aks-traffic-security:registry=${FEED}\n`,
      '.github/workflows/compliance.yml': workflow(argument, ''),
    });

    await expect(findCheckerSourceProblems(directory.path)).resolves.toEqual([
      `.github/workflows/compliance.yml runs '${spec}' through npx; pin an exact version, such as ${TOOL}@0.1.0`,
    ]);
  });
});
