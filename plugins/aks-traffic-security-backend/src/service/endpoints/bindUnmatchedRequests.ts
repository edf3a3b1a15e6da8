import { InputError, NotFoundError } from '@backstage/errors';
import { NextFunction, Request, Response, Router } from 'express';
import { sendErrorResponse } from './sendErrorResponse';

/** The part of an Express router layer that describes a bound route. */
interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Responds to the requests that no route of `router` matched: 405 with an
 * `Allow` header for a path of a route, 404 for any other path, both in
 * Backstage's JSON error body. Without it Express ends them with an empty 404
 * page. Bind it after every route.
 */
export function bindUnmatchedRequests(router: Router): void {
  const methodsByPath = new Map<string, string[]>();
  for (const { route } of router.stack as RouteLayer[]) {
    if (route) {
      const methods = Object.keys(route.methods).map(method =>
        method.toUpperCase(),
      );
      methodsByPath.set(route.path, [
        ...(methodsByPath.get(route.path) ?? []),
        ...methods,
      ]);
    }
  }

  for (const [path, methods] of methodsByPath) {
    // Express serves HEAD requests with the GET route.
    const allow = methods.includes('GET') ? [...methods, 'HEAD'] : methods;

    router.all(path, (req, res) => {
      res.set('Allow', allow.join(', '));
      sendErrorResponse(req, res, {
        statusCode: 405,
        name: 'MethodNotAllowedError',
        message: `${req.method} is not allowed on ${
          req.path
        }; it accepts ${allow.join(', ')}`,
      });
    });
  }

  // Express fails to decode a path parameter such as `%ZZ` before any
  // handler runs, with a URIError that names no expected form.
  router.use(
    (error: unknown, req: Request, _res: Response, next: NextFunction) => {
      if (error instanceof URIError) {
        next(
          new InputError(
            `Invalid path ${req.path}: a path segment is not valid percent-encoding; expected a URL-encoded entity kind, namespace or name`,
          ),
        );
        return;
      }
      next(error);
    },
  );

  router.use(req => {
    throw new NotFoundError(
      `Route ${req.method} ${req.path} not found; the plugin's OpenAPI document lists its routes`,
    );
  });
}
