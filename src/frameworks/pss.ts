// The Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/), levels
// baseline and restricted, as Pod Security Admission enforces them (k8s.io/pod-security-admission/policy).
// Items are PSA's checks, by their check ids; each maps to the one control whose verdict for a pod equals
// the check's at the version judged (inputs.pssVersion, --pss-version). Three existing controls already equal
// their check at every version and are mapped as they are: privileged-container (check_privileged.go:
// securityContext.privileged true in any container), windows-host-process (check_windowsHostProcess.go:
// windowsOptions.hostProcess true on the pod or any container) and host-port (check_hostPorts.go: a non-zero
// hostPort in any container). Restricted is baseline plus the restricted checks, where a restricted check
// overrides the baseline one it names (OverrideCheckIDs): restrictedVolumes replaces hostPathVolumes,
// capabilities_restricted replaces capabilities_baseline, seccompProfile_restricted replaces seccompProfile_baseline.
// Kubescape has no framework for the Pod Security Standards, so there are no aliases.
import type { Framework, FrameworkItem, FrameworkSection } from './index.js';
import { itemControls } from './index.js';

function item(id: string, title: string, control: string): FrameworkItem {
  return { id, title, controls: [control] };
}

const BASELINE_ITEMS: FrameworkItem[] = [
  item('hostProcess', 'HostProcess', 'windows-host-process'),
  item('hostNamespaces', 'Host Namespaces', 'pss-host-namespaces'),
  item('privileged', 'Privileged Containers', 'privileged-container'),
  item('capabilities_baseline', 'Capabilities', 'pss-capabilities-baseline'),
  item('hostPathVolumes', 'HostPath Volumes', 'pss-host-path-volumes'),
  item('hostPorts', 'Host Ports', 'host-port'),
  item('appArmorProfile', 'AppArmor', 'pss-apparmor-profile'),
  item('seLinuxOptions', 'SELinux', 'pss-selinux-options'),
  item('procMount', '/proc Mount Type', 'pss-proc-mount'),
  item('seccompProfile_baseline', 'Seccomp', 'pss-seccomp-baseline'),
  item('sysctls', 'Sysctls', 'pss-sysctls'),
  item('hostProbesAndhostLifecycle', 'Host Probes / Lifecycle Hooks (v1.34+)', 'pss-host-probes-lifecycle'),
];

const RESTRICTED_ITEMS: FrameworkItem[] = [
  item('restrictedVolumes', 'Volume Types', 'pss-restricted-volumes'),
  item('allowPrivilegeEscalation', 'Privilege Escalation (v1.8+)', 'pss-allow-privilege-escalation'),
  item('runAsNonRoot', 'Running as Non-root', 'pss-run-as-non-root'),
  item('runAsUser', 'Running as Non-root user (v1.23+)', 'pss-run-as-user'),
  item('seccompProfile_restricted', 'Seccomp (v1.19+)', 'pss-seccomp-restricted'),
  item('capabilities_restricted', 'Capabilities (v1.22+)', 'pss-capabilities-restricted'),
];

/** The baseline checks a restricted check overrides at the restricted level (OverrideCheckIDs). */
export const OVERRIDDEN_AT_RESTRICTED: ReadonlySet<string> = new Set(['hostPathVolumes', 'capabilities_baseline', 'seccompProfile_baseline']);

function section(id: string, title: string, summary: string, items: FrameworkItem[]): FrameworkSection {
  return { id, title, summary, controls: itemControls(items), items };
}

const URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
// the newest policy version implemented (PSS_NEWEST_MINOR of src/controls/templates/pss.ts); a scan judges at --pss-version
const VERSION = '1.34';

export const pssBaseline: Framework = {
  id: 'pss-baseline',
  podSecurityLevel: 'baseline',
  title: 'Pod Security Standards: baseline',
  version: VERSION,
  url: URL,
  about: 'The baseline Pod Security Standard: a minimally restrictive policy that prevents known privilege escalations. '
    + 'Each item is a check of Pod Security Admission, judged as PSA judges it at the version given with --pss-version '
    + '(default the newest implemented, v1.34; with --cluster, the server\'s version).',
  sections: [
    section('baseline', 'Baseline', 'Forbid known privilege escalations: host namespaces, privileged containers, added capabilities, host paths and ports, weakened AppArmor, SELinux, seccomp and /proc, unsafe sysctls, probes on other hosts.', BASELINE_ITEMS),
  ],
};

export const pssRestricted: Framework = {
  id: 'pss-restricted',
  podSecurityLevel: 'restricted',
  title: 'Pod Security Standards: restricted',
  version: VERSION,
  url: URL,
  about: 'The restricted Pod Security Standard: pod hardening best practice, at the expense of some compatibility. '
    + 'It is baseline plus the restricted checks, where volume types, seccomp and capabilities replace their baseline forms. '
    + 'Judged as Pod Security Admission judges it at the version given with --pss-version.',
  sections: [
    section('baseline', 'Baseline (as restricted applies it)', 'Every baseline check, except those a restricted check replaces (hostPathVolumes, capabilities_baseline, seccompProfile_baseline).',
      BASELINE_ITEMS.filter((i) => !OVERRIDDEN_AT_RESTRICTED.has(i.id))),
    section('restricted', 'Restricted', 'Only the core volume types, no privilege escalation, non-root users, a seccomp profile, all capabilities dropped.', RESTRICTED_ITEMS),
  ],
};
