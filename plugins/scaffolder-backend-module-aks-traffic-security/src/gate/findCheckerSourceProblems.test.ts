import { createMockDirectory } from '@backstage/backend-test-utils';
import { findCheckerSourceProblems } from './findCheckerSourceProblems';

const FEED =
  'https://pkgs.dev.azure.com/contoso/_packaging/platform/npm/registry/';
const TOOL = '@aks-traffic-security/plugin-aks-traffic-security-node';

function workflow(spec: string): string {
  return [
    'jobs:',
    '  check:',
    '    steps:',
    '      - run: >-',
    `          npx --yes --package ${spec}`,
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
    ['no version', TOOL],
    ['a range', `${TOOL}@^0.1.0`],
    ['a tag', `${TOOL}@latest`],
  ])('rejects a tool spec with %s', async (_case, spec) => {
    directory.setContent({
      '.npmrc': `@aks-traffic-security:registry=${FEED}\n`,
      '.github/workflows/compliance.yml': workflow(spec),
    });

    await expect(findCheckerSourceProblems(directory.path)).resolves.toEqual([
      `.github/workflows/compliance.yml runs '${spec}' through npx; pin an exact version, such as ${TOOL}@0.1.0`,
    ]);
  });
});
