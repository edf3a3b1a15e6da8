/**
 * A credential could not be created or could not get a token. Its message
 * names the config key and never contains a secret or a token.
 */
export class CredentialFailedError extends Error {
  readonly name = 'CredentialFailedError';
}
