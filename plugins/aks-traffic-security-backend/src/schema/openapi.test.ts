import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { z } from 'zod';
import { mockServices } from '@backstage/backend-test-utils';
import { createRouter } from '../service/createRouter';
import {
  entityPathSchema,
  fleetExportQuerySchema,
  fleetQuerySchema,
  fleetTrendQuerySchema,
  historyPageSchema,
  noQuerySchema,
} from '../service/endpoints/schemas';

interface Parameter {
  name: string;
  in: 'path' | 'query';
  schema: {
    type?: string;
    enum?: string[];
    items?: { enum?: string[]; $ref?: string };
    $ref?: string;
    minimum?: number;
    maximum?: number;
    maxLength?: number;
    pattern?: string;
    default?: unknown;
  };
}

const document = parse(
  fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
);

const QUERY_SCHEMAS: Record<string, z.ZodObject<any>> = {
  GetEntityAssessment: noQuerySchema,
  GetEntityHistory: historyPageSchema,
  RefreshEntity: noQuerySchema,
  GetFleet: fleetQuerySchema,
  ExportFleet: fleetExportQuerySchema,
  GetFleetTrend: fleetTrendQuerySchema,
};

function resolve<T>(value: T | { $ref: string }): T {
  if (value && typeof value === 'object' && '$ref' in value) {
    const segments = value.$ref.replace(/^#\//, '').split('/');
    return segments.reduce((node: any, key) => node[key], document) as T;
  }
  return value as T;
}

function operations() {
  return Object.entries(document.paths).flatMap(([route, methods]) =>
    Object.entries(methods as Record<string, any>).map(
      ([method, operation]) => ({
        route,
        method,
        operation,
        parameters: ((operation.parameters ?? []) as any[]).map(parameter =>
          resolve<Parameter>(parameter),
        ),
      }),
    ),
  );
}

function routerRoutes(): string[] {
  const router = createRouter({
    httpAuth: mockServices.httpAuth(),
    assessments: {} as any,
    fleet: {} as any,
  }) as unknown as {
    stack: { route?: { path: string; methods: Record<string, boolean> } }[];
  };
  return router.stack.flatMap(layer =>
    layer.route
      ? Object.keys(layer.route.methods)
          // `_all` routes return 405 for the other methods of a path.
          .filter(method => method !== '_all')
          .map(method => `${method.toUpperCase()} ${layer.route!.path}`)
      : [],
  );
}

describe('openapi.yaml', () => {
  it('lists every route of the router and no other', () => {
    const documented = operations().map(
      ({ method, route }) =>
        `${method.toUpperCase()} ${route.replace(/\{(\w+)\}/g, ':$1')}`,
    );

    expect(documented.sort()).toEqual(routerRoutes().sort());
  });

  it('leaves only the health route without credentials', () => {
    const open = operations()
      .filter(({ operation }) => Array.isArray(operation.security))
      .map(({ route, operation }) => [route, operation.security]);

    expect(open).toEqual([['/health', []]]);
    expect(document.security).toEqual([{ BackstageToken: [] }]);
  });

  it.each(
    operations().map(
      ({ operation, parameters }) =>
        [operation.operationId, parameters] as const,
    ),
  )('matches the query parameters of %s', (operationId, parameters) => {
    const query = parameters.filter(parameter => parameter.in === 'query');
    const schema = QUERY_SCHEMAS[operationId];

    expect(query.map(parameter => parameter.name).sort()).toEqual(
      Object.keys(schema?.shape ?? {}).sort(),
    );
  });

  it.each(
    operations().flatMap(({ operation, parameters }) =>
      parameters
        .filter(parameter => parameter.in === 'query')
        .map(
          parameter =>
            [operation.operationId, parameter.name, parameter] as const,
        ),
    ),
  )(
    'validates %s query parameter %s as documented',
    (operationId, name, parameter) => {
      const schema = QUERY_SCHEMAS[operationId];
      const parseValue = (value: unknown) =>
        schema.safeParse({ [name]: value });
      const valueSchema = resolve(parameter.schema);
      const enumValues =
        valueSchema.enum ?? resolve(valueSchema.items ?? {})?.enum;

      const { maximum, minimum } = valueSchema;
      const accepted = [
        ...(maximum !== undefined ? [String(maximum)] : []),
        ...(minimum !== undefined ? [String(minimum)] : []),
        ...(enumValues ?? []),
      ];
      const rejected = [
        ...(maximum !== undefined ? [String(maximum + 1)] : []),
        ...(minimum !== undefined ? [String(minimum - 1)] : []),
        ...(enumValues ? ['not-a-documented-value'] : []),
      ];

      expect(schema.parse({})[name]).toEqual(valueSchema.default);
      expect(accepted.filter(value => !parseValue(value).success)).toEqual([]);
      expect(rejected.filter(value => parseValue(value).success)).toEqual([]);
    },
  );

  it.each(['kind', 'namespace', 'name'] as const)(
    'validates path parameter %s as documented',
    name => {
      const parameter = resolve<Parameter>({
        $ref: `#/components/parameters/${name}`,
      });
      const pattern = new RegExp(parameter.schema.pattern!);
      const samples = [
        'shop',
        'Component',
        'my-team',
        'a--b',
        'a.b_c',
        '9lives',
        '-shop',
        'shop-',
        'shop.',
        'my team',
        '\u0000',
        '',
        'a'.repeat(63),
        'a'.repeat(64),
      ];

      const documented = samples.filter(
        sample =>
          sample.length <= parameter.schema.maxLength! && pattern.test(sample),
      );
      const accepted = samples.filter(
        sample => entityPathSchema.shape[name].safeParse(sample).success,
      );

      expect(accepted).toEqual(documented);
    },
  );
});
