import path from 'path';
import { ConfigReader } from '@backstage/config';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { InputError } from '@backstage/errors';
import { locationSpecToMetadataName } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createRegisterLocalAction } from './registerLocal';

describe('aks-traffic-security:catalog:register-local', () => {
  const mockDir = createMockDirectory();
  const publishDirectory = mockDir.resolve('published');
  const locationTarget = path.join(publishDirectory, '*', 'catalog-info.yaml');
  const catalogInfoPath = path.join(
    publishDirectory,
    'orders-api',
    'catalog-info.yaml',
  );
  const locationRef = `location:default/${locationSpecToMetadataName({
    type: 'file',
    target: locationTarget,
  })}`;

  const config = (locations: object[]) =>
    new ConfigReader({
      aksTrafficSecurity: {
        scaffolder: { localPublishDirectory: publishDirectory },
      },
      catalog: { locations },
    });

  beforeEach(() => {
    mockDir.setContent({
      'published/orders-api/catalog-info.yaml': [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: orders-api',
        'spec:',
        '  type: service',
        '',
      ].join('\n'),
    });
  });

  it('refreshes the file location that covers the local directory', async () => {
    const catalog = catalogServiceMock.mock();
    const action = createRegisterLocalAction({
      config: config([
        { type: 'file', target: '../examples/entities.yaml' },
        { type: 'file', target: locationTarget },
      ]),
      catalog,
    });
    const ctx = createMockActionContext({ input: { catalogInfoPath } });

    await action.handler(ctx);

    expect(catalog.refreshEntity).toHaveBeenCalledWith(locationRef, {
      credentials: expect.anything(),
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/orders-api',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      `file:${catalogInfoPath}`,
    );
  });

  it('finds a location whose target is relative to the working directory', async () => {
    const catalog = catalogServiceMock.mock();
    const action = createRegisterLocalAction({
      config: config([
        { type: 'file', target: path.relative(process.cwd(), locationTarget) },
      ]),
      catalog,
    });

    await action.handler(
      createMockActionContext({ input: { catalogInfoPath } }),
    );

    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      locationRef,
      expect.anything(),
    );
  });

  it('names the missing catalog location', async () => {
    const catalog = catalogServiceMock.mock();
    const action = createRegisterLocalAction({ config: config([]), catalog });

    const error = await action
      .handler(createMockActionContext({ input: { catalogInfoPath } }))
      .catch(e => e);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      `add '{ type: file, target: ${locationTarget} }' to catalog.locations`,
    );
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
  });

  it.each([
    [mockDir.resolve('elsewhere/orders-api/catalog-info.yaml')],
    [path.join(publishDirectory, 'orders-api', 'other.yaml')],
    [path.join(publishDirectory, 'a', 'b', 'catalog-info.yaml')],
    [path.join(publishDirectory, '..', 'catalog-info.yaml')],
  ])('rejects the path %s', async rejectedPath => {
    const catalog = catalogServiceMock.mock();
    const action = createRegisterLocalAction({
      config: config([{ type: 'file', target: locationTarget }]),
      catalog,
    });

    const error = await action
      .handler(
        createMockActionContext({ input: { catalogInfoPath: rejectedPath } }),
      )
      .catch(e => e);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain("Invalid input 'catalogInfoPath'");
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
  });

  it('refreshes nothing in a dry run', async () => {
    const catalog = catalogServiceMock.mock();
    const action = createRegisterLocalAction({
      config: config([{ type: 'file', target: locationTarget }]),
      catalog,
    });
    const ctx = createMockActionContext({ input: { catalogInfoPath } });

    await action.handler({ ...ctx, isDryRun: true });

    expect(catalog.refreshEntity).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/orders-api',
    );
  });

  it('rejects requests when local publishing is disabled', async () => {
    const action = createRegisterLocalAction({
      config: new ConfigReader({}),
      catalog: catalogServiceMock.mock(),
    });

    await expect(
      action.handler(createMockActionContext({ input: { catalogInfoPath } })),
    ).rejects.toThrow(/Local publishing is disabled/);
  });
});
