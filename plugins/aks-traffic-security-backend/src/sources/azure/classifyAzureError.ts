import { FailedAttempt } from '../reads/runRead';
import { CredentialFailedError } from './CredentialFailedError';
import { EndpointNotAllowedError } from './AzureArmClients';

/** The parts of an HTTP response the classification reads. */
export interface CapturedResponse {
  status: number;
  headers: { get(name: string): string | undefined };
  parsedBody?: unknown;
  request: { url: string };
}

const MAX_MESSAGE_LENGTH = 500;

/**
 * Turns a failed Azure SDK call into the outcome of one read attempt, from
 * the HTTP response when there was one and from the error otherwise.
 * `target` names what was read, such as an ARM id, in the message.
 */
export function classifyAzureError(
  error: unknown,
  response: CapturedResponse | undefined,
  target: string,
): FailedAttempt {
  if (error instanceof CredentialFailedError) {
    return fail('credential-failed', error.message);
  }
  if (error instanceof EndpointNotAllowedError) {
    return fail('invalid-response', `${target}: ${error.message}`);
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return fail('timeout', `The request for ${target} was aborted`);
  }

  const status = response?.status ?? statusOf(error);
  if (status === undefined) {
    const code = codeOf(error);
    if (code && /^(E[A-Z]+|REQUEST_SEND_ERROR)$/.test(code)) {
      return {
        ...fail(
          'network-error',
          `The request for ${target} failed: ${code} ${messageOf(error)}`,
        ),
        retry: true,
      };
    }
    return fail(
      'invalid-response',
      `The response for ${target} could not be read: ${messageOf(error)}`,
    );
  }

  const headers = response?.headers ?? headersOf(error);
  const armCode = armErrorCode(response?.parsedBody) ?? codeOf(error);
  const detail = `Azure Resource Manager returned ${status}${
    armCode ? ` ${armCode}` : ''
  } for ${target}: ${
    armErrorMessage(response?.parsedBody) ?? messageOf(error)
  }`;
  const retryAfterMs = headers ? retryAfter(headers) : undefined;

  // The SDK reports a success status whose body is not JSON, such as a
  // truncated body or a proxy's HTML page, as an error with that status.
  if (status >= 200 && status < 300) {
    return fail(
      'invalid-response',
      `The response for ${target} could not be read: ${messageOf(error)}`,
    );
  }
  if (status === 404) {
    return fail('not-found', detail);
  }
  if (status === 403) {
    return fail('forbidden', detail);
  }
  if (status === 401) {
    return fail('credential-failed', detail);
  }
  if (status === 429) {
    return {
      ...fail('throttled', detail),
      retry: true,
      retryAfterMs:
        retryAfterMs ?? (headers ? quotaResetsAfter(headers) : undefined),
    };
  }
  if (status === 408) {
    return { ...fail('timeout', detail), retry: true, retryAfterMs };
  }
  if (status >= 500) {
    return { ...fail('server-error', detail), retry: true, retryAfterMs };
  }
  return fail('request-failed', detail);
}

/**
 * Reads the wait a response requests: `retry-after-ms` and
 * `x-ms-retry-after-ms` in milliseconds, else `Retry-After` in seconds or as
 * an HTTP date.
 */
export function retryAfter(headers: {
  get(name: string): string | undefined;
}): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = Number(headers.get(name));
    if (
      headers.get(name) !== undefined &&
      Number.isFinite(value) &&
      value >= 0
    ) {
      return value;
    }
  }

  const value = headers.get('retry-after');
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return seconds * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Reads `x-ms-user-quota-resets-after`, which Azure Resource Graph sends as
 * `hh:mm:ss`: the time until the caller's query quota resets. It is the wait
 * for a 429 from Resource Graph that has no `Retry-After`.
 */
export function quotaResetsAfter(headers: {
  get(name: string): string | undefined;
}): number | undefined {
  const match = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(
    headers.get('x-ms-user-quota-resets-after')?.trim() ?? '',
  );
  if (!match) {
    return undefined;
  }
  const [, hours, minutes, seconds] = match.map(Number);
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

function fail(reason: string, message: string): FailedAttempt {
  return { ok: false, reason, message: shorten(message), retry: false };
}

function shorten(message: string): string {
  const text = message.replace(/\s+/g, ' ').trim();
  return text.length > MAX_MESSAGE_LENGTH
    ? `${text.slice(0, MAX_MESSAGE_LENGTH)}...`
    : text;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

function headersOf(
  error: unknown,
): { get(name: string): string | undefined } | undefined {
  const headers = (error as { response?: { headers?: unknown } })?.response
    ?.headers as { get?: unknown } | undefined;
  return typeof headers?.get === 'function'
    ? (headers as { get(name: string): string | undefined })
    : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Returns the `error.code` of an ARM error body (`{ "error": { "code", "message" } }`). */
function armErrorCode(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } })?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

function armErrorMessage(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } })?.error?.message;
  return typeof message === 'string' ? message : undefined;
}
