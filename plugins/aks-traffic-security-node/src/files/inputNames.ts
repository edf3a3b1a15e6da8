/**
 * Names an expected value in a mismatch message, such as `input 'wafPolicyId'`
 * for the scaffolder gate or `--waf-policy-id` for the check command.
 *
 * @public
 */
export type InputNamer = (input: string) => string;

/** Names a template input as the scaffolder gate does. */
export function inputName(input: string): string {
  return `input '${input}'`;
}

/** Names an expected value by the check command's option for it. */
export function optionName(input: string): string {
  return `--${input.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`;
}
