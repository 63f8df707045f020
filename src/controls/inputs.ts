// Control inputs: the lists some controls read, with their defaults. Set in the config file.

export interface ControlInputs {
  /** Registries images may come from (`docker.io`, `ghcr.io/acme`); image-registry-not-allowed is skipped when unset. */
  allowedRegistries?: string[];
  /** Substrings of env var / ConfigMap key names that mark a credential (case-insensitive). */
  sensitiveKeyNames: string[];
  /** Regular expressions (source text) for values that look like credentials. */
  sensitiveValuePatterns: string[];
  /** Capabilities that must not be added. */
  dangerousCapabilities: string[];
  /** RuntimeClass names that count as sandboxed; sandboxed-runtime is skipped when unset. */
  sandboxRuntimeClasses?: string[];
  /**
   * The Kubernetes version the manifests run on (`1.35`); a cluster scan sets it from the API
   * server when the config does not. rbac-exec-attach counts `get` on pods/exec before 1.35.
   */
  kubernetesVersion?: string;
}

export const DEFAULT_INPUTS: ControlInputs = {
  sensitiveKeyNames: [
    'password', 'passwd', 'secret', 'token', 'apikey', 'api_key', 'api-key', 'access_key', 'accesskey',
    'private_key', 'privatekey', 'credential', 'auth',
  ],
  sensitiveValuePatterns: [
    '-----BEGIN [A-Z ]*PRIVATE KEY-----',
    '^eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}$',
    '\\b(AKIA|ASIA)[0-9A-Z]{16}\\b',
    '\\bgh[pousr]_[A-Za-z0-9]{36,}\\b',
    '\\bgithub_pat_[A-Za-z0-9_]{40,}\\b',
    '\\bxox[abposr]-[A-Za-z0-9-]{10,}\\b',
  ],
  dangerousCapabilities: [
    'ALL', 'SYS_ADMIN', 'NET_ADMIN', 'NET_RAW', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_PTRACE', 'SYS_BOOT',
    'SYS_TIME', 'MAC_ADMIN', 'MAC_OVERRIDE', 'BPF', 'PERFMON', 'SETPCAP', 'DAC_READ_SEARCH',
  ],
};

export const INPUT_KEYS: ReadonlyArray<keyof ControlInputs> = [
  'allowedRegistries', 'sensitiveKeyNames', 'sensitiveValuePatterns', 'dangerousCapabilities', 'sandboxRuntimeClasses',
  'kubernetesVersion',
];
