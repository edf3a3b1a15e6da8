import fs from 'fs';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { findRepositoryProblems } from './findRepositoryProblems';
import { readResourceFiles } from './readResourceFiles';

describe('findRepositoryProblems', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => {
    mockDir.clear();
  });

  async function problemsOf(namespace = 'orders') {
    const read = await readResourceFiles(['kubernetes'], {
      baseDir: mockDir.path,
    });
    return findRepositoryProblems({ read, namespace });
  }

  it('allows hidden files that hold no manifest', async () => {
    mockDir.setContent({
      'kubernetes/.gitkeep': '',
      'kubernetes/.DS_Store': 'binary',
      'kubernetes/node_modules/.cache/x.yaml': 'kind: Service',
    });

    expect(await problemsOf()).toEqual([]);
  });

  it('reports hidden manifests and directories', async () => {
    mockDir.setContent({
      'kubernetes/.plain.yaml': 'kind: Service',
      'kubernetes/.overlay/service.yaml': 'kind: Service',
    });

    expect((await problemsOf()).sort()).toEqual([
      'kubernetes/.overlay is hidden, so it is not read',
      'kubernetes/.plain.yaml is hidden, so it is not read',
    ]);
  });

  it('follows a linked directory to a kustomization', async () => {
    mockDir.setContent({ 'overlays/prod/kustomization.yaml': 'resources: []' });
    fs.mkdirSync(mockDir.resolve('kubernetes'));
    fs.symlinkSync(
      mockDir.resolve('overlays'),
      mockDir.resolve('kubernetes/overlays'),
    );

    expect(await problemsOf()).toEqual([
      'kubernetes/overlays/prod/kustomization.yaml is a kustomization, which can change the objects after they were judged',
    ]);
  });

  it('reports a Secret with values without showing them', async () => {
    mockDir.setContent({
      'kubernetes/secret.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: orders\ndata:\n  password: c2VjcmV0\n',
    });

    const [problem] = await problemsOf();

    expect(problem).toMatch(
      /^Secret orders\/db in kubernetes\/secret.yaml sets data;/,
    );
    expect(problem).not.toContain('c2VjcmV0');
  });

  it('reports an object in another namespace', async () => {
    mockDir.setContent({
      'kubernetes/service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: public\n',
    });

    expect(await problemsOf()).toEqual([
      "Service public/api in kubernetes/service.yaml is not in the service's namespace orders, so no check judges it",
    ]);
  });
});
