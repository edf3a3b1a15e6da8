import { Request, Response } from 'express';

/**
 * Sends an error in the body of Backstage's error middleware, for the statuses
 * that have no error class in `@backstage/errors` (405 and 429), so that a
 * client reads every failure of this API the same way.
 */
export function sendErrorResponse(
  req: Request,
  res: Response,
  error: { statusCode: number; name: string; message: string },
): void {
  res.status(error.statusCode).json({
    error: { name: error.name, message: error.message },
    request: { method: req.method, url: req.url },
    response: { statusCode: error.statusCode },
  });
}
