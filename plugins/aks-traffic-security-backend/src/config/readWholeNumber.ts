import { Config } from '@backstage/config';

/**
 * Reads an optional whole number from a config block. Throws an error that
 * names the key, the value and the range when the value is outside it.
 *
 * @param block - the config block, such as `aksTrafficSecurity.azure`
 * @param blockKey - the block's key, for the error message
 */
export function readWholeNumber(
  block: Config | undefined,
  blockKey: string,
  name: string,
  options: { min: number; max: number; defaultValue: number },
): number {
  const value = block?.getOptionalNumber(name) ?? options.defaultValue;
  if (!Number.isInteger(value) || value < options.min || value > options.max) {
    throw new Error(
      `Invalid config '${blockKey}.${name}' value '${value}'; expected a whole number from ${options.min} to ${options.max}`,
    );
  }
  return value;
}
