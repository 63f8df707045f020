// Control inputs: the lists some controls read, with their defaults. Set in the config file.

export interface ControlInputs {
  /** Registries images may come from (`docker.io`, `ghcr.io/acme`); image-registry-not-allowed is skipped when unset. */
  allowedRegistries?: string[];
  /**
   * Words that mark a credential in env var, ConfigMap key and flag names: each matches a word of a
   * name or the end of one (`apikey`, `PGPASSWORD`), plural or not; words split at `_ - . /` and
   * camelCase. Replaces the default list.
   */
  sensitiveKeyNames: string[];
  /** Regular expressions (source text) for values that look like credentials, in addition to the built-in value rules. */
  sensitiveValuePatterns: string[];
  /** Regular expressions (case-insensitive) for names never sensitive by name (`^NEXTAUTH_URL$`, `_ENABLED$`); value rules still apply. */
  sensitiveKeyNamesAllowed: string[];
  /** Regular expressions for values never reported as credentials, by name or by value (a published test fixture). */
  sensitiveValuesAllowed: string[];
  /** Capabilities that must not be added. */
  dangerousCapabilities: string[];
  /** RuntimeClass names that count as sandboxed; sandboxed-runtime is skipped when unset. */
  sandboxRuntimeClasses?: string[];
  /**
   * The Kubernetes version the manifests run on (`1.35`); a cluster scan sets it from the API
   * server when the config does not. rbac-exec-attach counts `get` on pods/exec before 1.35.
   */
  kubernetesVersion?: string;
  /**
   * The Pod Security Standards version the pss-* controls judge at (`v1.34`, `latest`), as a
   * namespace's `pod-security.kubernetes.io/enforce-version` names it; --pss-version sets it. Default:
   * the newest Palisade implements; a cluster scan takes the API server's version.
   */
  pssVersion?: string;
}

export const DEFAULT_INPUTS: ControlInputs = {
  // `pass` is not in the list: as the end of a word it is `bypass` and `compass`.
  sensitiveKeyNames: ['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'key', 'credential', 'jwt', 'bearer', 'auth'],
  // the built-in value rules are code (src/controls/templates/secret-patterns.ts): these add to them
  sensitiveValuePatterns: [],
  sensitiveKeyNamesAllowed: [],
  sensitiveValuesAllowed: [],
  dangerousCapabilities: [
    'ALL', 'SYS_ADMIN', 'NET_ADMIN', 'NET_RAW', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_PTRACE', 'SYS_BOOT',
    'SYS_TIME', 'MAC_ADMIN', 'MAC_OVERRIDE', 'BPF', 'PERFMON', 'SETPCAP', 'DAC_READ_SEARCH',
  ],
};

export const INPUT_KEYS: ReadonlyArray<keyof ControlInputs> = [
  'allowedRegistries', 'sensitiveKeyNames', 'sensitiveValuePatterns', 'sensitiveKeyNamesAllowed', 'sensitiveValuesAllowed',
  'dangerousCapabilities', 'sandboxRuntimeClasses', 'kubernetesVersion', 'pssVersion',
];
