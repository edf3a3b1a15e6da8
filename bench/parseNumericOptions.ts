/**
 * Reads `--name=N` arguments into a copy of the defaults. Names are the
 * defaults' keys in kebab-case, such as `--max-old-space-mib=384` for
 * `maxOldSpaceMib`. Throws on any other argument, naming it and the
 * accepted names.
 */
export function parseNumericOptions<T extends Record<string, number>>(
  argv: string[],
  defaults: T,
): T {
  const options: Record<string, number> = { ...defaults };

  for (const arg of argv) {
    const match = /^--([a-z-]+)=(\d+)$/.exec(arg);
    const key = match?.[1].replace(/-([a-z])/g, (_, letter: string) =>
      letter.toUpperCase(),
    );
    if (!match || !key || !(key in options)) {
      throw new Error(
        `Invalid argument '${arg}'; expected --name=N with a name of ${Object.keys(
          defaults,
        ).join(', ')} (kebab-case)`,
      );
    }
    options[key] = Number(match[2]);
  }
  return options as T;
}
