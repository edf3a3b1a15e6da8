import { ResponseError } from '@backstage/errors';

const MAX_MESSAGE_LENGTH = 300;

/**
 * Returns the server's message for a failed request, or the error's own
 * message otherwise, cut to a length that fits a panel title because a
 * proxy's HTML error page can arrive as the message.
 */
export function describeError(error: Error): string {
  const message = ResponseError.is(error) ? error.cause.message : error.message;
  if (message.length <= MAX_MESSAGE_LENGTH) {
    return message;
  }
  return `${message.slice(0, MAX_MESSAGE_LENGTH)}…`;
}
