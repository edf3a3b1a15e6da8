/**
 * Returns a parser's message without the excerpt of the input that
 * `JSON.parse` (`..."text"... is not valid JSON`) and the yaml package (a
 * code frame after the first line) add, because the file may be a Secret
 * or hold other values that must not be shown. The line and column stay.
 */
export function parserErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split('\n')[0]
    .replace(/:$/, '')
    .replace(
      /Unexpected token '.+?', .* is not valid JSON$/,
      'Unexpected token',
    );
}
