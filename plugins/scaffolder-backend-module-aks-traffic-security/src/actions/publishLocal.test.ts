import fs from 'fs';
import path from 'path';
import { ConfigReader } from '@backstage/config';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { createPublishLocalAction } from './publishLocal';

describe('aks-traffic-security:publish:local', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');
  const publishDirectory = mockDir.resolve('published');

  const action = createPublishLocalAction({
    config: new ConfigReader({
      aksTrafficSecurity: {
        scaffolder: { localPublishDirectory: publishDirectory },
      },
    }),
  });

  beforeEach(() => {
    mockDir.setContent({
      workspace: {
        'catalog-info.yaml': 'kind: Component\n',
        'kubernetes/service.yaml': 'kind: Service\n',
        '.github/workflows/compliance.yaml': 'name: compliance\n',
      },
    });
  });

  it('copies the workspace into a folder named after the service', async () => {
    const ctx = createMockActionContext({
      input: { name: 'orders-api' },
      workspacePath,
    });

    await action.handler(ctx);

    const target = path.join(publishDirectory, 'orders-api');
    expect(mockDir.content({ path: 'published' })).toEqual({
      'orders-api': {
        'catalog-info.yaml': 'kind: Component\n',
        kubernetes: { 'service.yaml': 'kind: Service\n' },
        '.github': { workflows: { 'compliance.yaml': 'name: compliance\n' } },
      },
    });
    expect(ctx.output).toHaveBeenCalledWith('remoteUrl', `file://${target}`);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoPath',
      path.join(target, 'catalog-info.yaml'),
    );
  });

  it('copies only the requested workspace folder', async () => {
    const ctx = createMockActionContext({
      input: { name: 'orders-api', sourcePath: 'kubernetes' },
      workspacePath,
    });

    await action.handler(ctx);

    expect(mockDir.content({ path: 'published/orders-api' })).toEqual({
      'service.yaml': 'kind: Service\n',
    });
  });

  it('rejects an existing folder and leaves it unchanged', async () => {
    mockDir.addContent({ 'published/orders-api/README.md': 'existing\n' });
    const ctx = createMockActionContext({
      input: { name: 'orders-api' },
      workspacePath,
    });

    await expect(action.handler(ctx)).rejects.toThrow(ConflictError);

    expect(mockDir.content({ path: 'published/orders-api' })).toEqual({
      'README.md': 'existing\n',
    });
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('copies nothing in a dry run', async () => {
    const ctx = createMockActionContext({
      input: { name: 'orders-api' },
      workspacePath,
    });

    await action.handler({ ...ctx, isDryRun: true });

    expect(fs.existsSync(publishDirectory)).toBe(false);
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      `file://${path.join(publishDirectory, 'orders-api')}`,
    );
  });

  it('rejects requests when local publishing is disabled', async () => {
    const disabled = createPublishLocalAction({
      config: new ConfigReader({}),
    });
    const ctx = createMockActionContext({
      input: { name: 'orders-api' },
      workspacePath,
    });

    const error = await disabled.handler(ctx).catch(e => e);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      "Local publishing is disabled; set 'aksTrafficSecurity.scaffolder.localPublishDirectory' in the app config to the directory that receives the new repositories",
    );
  });

  it.each([['../outside'], ['orders/api'], ['Orders'], ['']])(
    'rejects the folder name %j',
    async name => {
      const ctx = createMockActionContext({ input: { name }, workspacePath });

      const error = await action.handler(ctx).catch(e => e);

      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain("Invalid input 'name'");
      expect(fs.existsSync(mockDir.resolve('outside'))).toBe(false);
    },
  );

  it('rejects a source path outside the workspace', async () => {
    const ctx = createMockActionContext({
      input: { name: 'orders-api', sourcePath: '../published' },
      workspacePath,
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      /Relative path is not allowed to refer to a directory outside its parent/,
    );
  });
});
