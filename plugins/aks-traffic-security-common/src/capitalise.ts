/**
 * Returns the text with its first letter in upper case, to start a sentence
 * with a name or a message part.
 *
 * @public
 */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
