// Test-only (not in the build): command lines for the one-flag control-plane controls' tests.
/** Where the component's flags are reported when a flag is missing: the container's command. */
export const CMD = 'spec.containers[0].command';

/** The flags without those named (in any form: --name, --name=value). */
export function without(flags: readonly string[], ...names: string[]): string[] {
  return flags.filter((f) => !names.some((n) => f === `--${n}` || f.startsWith(`--${n}=`)));
}

/** The path staticPod() gives the last occurrence of --name in `flags`, or the command when it is absent. */
export function flagAt(flags: readonly string[], name: string): string {
  const i = flags.map((f, k) => (f === `--${name}` || f.startsWith(`--${name}=`) ? k : -1)).filter((k) => k >= 0).pop();
  return i === undefined ? CMD : `${CMD}[${i + 1}]`;
}
