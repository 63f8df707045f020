// Which Pod Security Standard level the workloads of each namespace meet, for the namespace label
// `palisade fix` writes: `enforce: restricted` only where every workload would be admitted at
// restricted, else `enforce: baseline` where every one would be at baseline, else only the `warn`
// and `audit` labels, which reject nothing.
//
// The checks are Palisade's own pod-security controls where one checks what the standard checks,
// and small checks here where none does or a control is more lenient than admission:
// - baseline: hostProcess (windows-host-process), host namespaces (host-network, host-namespaces),
//   privileged (privileged-container), hostPath volumes (host-path-volume), host ports (host-port),
//   AppArmor and SELinux (mac-profile-weakened), /proc mount (unmasked-proc-mount), sysctls
//   (unsafe-sysctls); here: capabilities added outside the baseline set, seccomp Unconfined.
// - restricted, besides: allowPrivilegeEscalation (allow-privilege-escalation), seccomp
//   (seccomp-profile); here: volume types, runAsNonRoot (admission wants it set, a non-zero
//   runAsUser is not enough), runAsUser 0, capabilities (drop exactly ALL, add at most
//   NET_BIND_SERVICE, as admission compares the strings).
// Approximations: seccomp-profile also accepts the legacy seccomp annotations, which admission at
// `latest` no longer reads; the checks judge the standard as of Kubernetes 1.33 (`latest`), not older
// versions (nor 1.34's host probes and lifecycle hooks, which probe-host reports).
import type { Resource } from '../model/types.js';
import { Inventory, type ContainerInfo, type PodInfo } from '../inventory/index.js';
import { containerSecurityContext, podSecurityContext } from '../inventory/security-context.js';
import { isWindowsPod } from '../inventory/pods.js';
import { getControl } from '../controls/index.js';
import { DEFAULT_INPUTS } from '../controls/inputs.js';
import { evaluateControl } from '../engine/evaluate.js';
import { isObj } from '../model/guards.js';

export type Level = 'baseline' | 'restricted';

/** A control whose failure means the workload would be rejected at `level`, named as the standard names the check. */
const CONTROL_CHECKS: ReadonlyArray<{ control: string; level: Level; check: string }> = [
  { control: 'windows-host-process', level: 'baseline', check: 'hostProcess' },
  { control: 'host-network', level: 'baseline', check: 'host namespaces' },
  { control: 'host-namespaces', level: 'baseline', check: 'host namespaces' },
  { control: 'privileged-container', level: 'baseline', check: 'privileged' },
  { control: 'host-path-volume', level: 'baseline', check: 'hostPath volumes' },
  { control: 'host-port', level: 'baseline', check: 'host ports' },
  { control: 'mac-profile-weakened', level: 'baseline', check: 'AppArmor/SELinux' },
  { control: 'unmasked-proc-mount', level: 'baseline', check: '/proc mount' },
  { control: 'unsafe-sysctls', level: 'baseline', check: 'sysctls' },
  { control: 'allow-privilege-escalation', level: 'restricted', check: 'allowPrivilegeEscalation' },
  { control: 'seccomp-profile', level: 'restricted', check: 'seccomp' },
];

/** The capabilities the baseline standard lets a container add. */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
/** The volume types the restricted standard allows. */
const RESTRICTED_VOLUMES = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret',
]);

type Obj = Record<string, any>;

/** A check of the standard that no control makes (or makes as admission does): the check's name when the pod fails it. */
const OWN_CHECKS: ReadonlyArray<{ level: Level; check: string; fails: (pod: PodInfo) => boolean }> = [
  {
    level: 'baseline', check: 'capabilities',
    fails: (pod) => pod.containers.some((c) => added(c).some((cap) => !BASELINE_CAPABILITIES.has(cap))),
  },
  {
    level: 'baseline', check: 'seccomp',
    fails: (pod) => [podSecurityContext(pod), ...pod.containers.map(containerSecurityContext)]
      .some((sc) => isObj(sc.seccompProfile) && sc.seccompProfile.type === 'Unconfined'),
  },
  {
    level: 'restricted', check: 'volume types',
    fails: (pod) => Array.isArray(pod.spec.volumes) && pod.spec.volumes.some((v: unknown) => isObj(v)
      && Object.keys(v).some((k) => k !== 'name' && v[k] !== null && v[k] !== undefined && !RESTRICTED_VOLUMES.has(k))),
  },
  {
    level: 'restricted', check: 'runAsNonRoot',
    fails: (pod) => {
      const podValue: unknown = podSecurityContext(pod).runAsNonRoot;
      if (podValue === false) return true;
      return pod.containers.some((c) => {
        const own: unknown = containerSecurityContext(c).runAsNonRoot;
        return own === false || (own !== true && podValue !== true);
      });
    },
  },
  {
    level: 'restricted', check: 'runAsUser',
    fails: (pod) => [podSecurityContext(pod), ...pod.containers.map(containerSecurityContext)].some((sc) => sc.runAsUser === 0),
  },
  {
    level: 'restricted', check: 'capabilities',
    fails: (pod) => !isWindowsPod(pod) && pod.containers.some((c) => {
      const caps: unknown = containerSecurityContext(c).capabilities;
      const drop: unknown = isObj(caps) ? caps.drop : undefined;
      return !(Array.isArray(drop) && drop.includes('ALL')) || added(c).some((cap) => cap !== 'NET_BIND_SERVICE');
    }),
  },
];

function added(c: ContainerInfo): string[] {
  const caps: unknown = containerSecurityContext(c).capabilities;
  const add: unknown = isObj(caps) ? caps.add : undefined;
  return Array.isArray(add) ? add.map(String) : [];
}

/** One workload and the checks of each level it fails (restricted's list holds baseline's too). */
export interface WorkloadVerdict {
  resource: Resource;
  baseline: string[];
  restricted: string[];
}

/** Every workload of the input, by the namespace it lands in, with the checks it fails. */
export function judgeWorkloads(resources: readonly Resource[]): Map<string, WorkloadVerdict[]> {
  const inventory = new Inventory(resources);
  const failing = new Map<string, Array<{ level: Level; check: string }>>(); // by resource id
  for (const { control: id, level, check } of CONTROL_CHECKS) {
    const control = getControl(id);
    if (!control) throw new Error(`pod security: no control ${id}`);
    for (const f of evaluateControl(control, inventory, DEFAULT_INPUTS).findings) {
      // Palisade's own exceptions (and the user's) do not stop admission from rejecting a pod
      failing.set(f.resourceId, [...failing.get(f.resourceId) ?? [], { level, check }]);
    }
  }
  const byNamespace = new Map<string, WorkloadVerdict[]>();
  for (const { resource, pod } of inventory.workloads) {
    const fails = [...failing.get(resource.id) ?? []];
    for (const own of OWN_CHECKS) if (own.fails(pod)) fails.push(own);
    const baseline = unique(fails.filter((f) => f.level === 'baseline').map((f) => f.check));
    const restricted = unique(fails.map((f) => f.check));
    const ns = resource.effectiveNamespace ?? 'default';
    byNamespace.set(ns, [...byNamespace.get(ns) ?? [], { resource, baseline, restricted }]);
  }
  return byNamespace;
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

/** What a namespace gets: the level to enforce (none: only warn and audit), and why, in one line. */
export interface NamespaceDecision {
  enforce?: Level;
  why: string;
}

const SHOWN = 5;

export function decideLevel(workloads: readonly WorkloadVerdict[]): NamespaceDecision {
  const atRestricted = workloads.filter((w) => w.restricted.length);
  const atBaseline = workloads.filter((w) => w.baseline.length);
  if (atRestricted.length === 0) {
    return {
      enforce: 'restricted',
      why: workloads.length === 0
        ? 'none of its workloads are in the input'
        : `${workloads.length === 1 ? 'its one workload passes' : `all ${workloads.length} of its workloads pass`} restricted after the fixes`,
    };
  }
  if (atBaseline.length === 0) {
    return { enforce: 'baseline', why: rejected(atRestricted, 'restricted') };
  }
  return { why: rejected(atBaseline, 'baseline') };
}

/** "2 workloads would be rejected at restricted: web (runAsNonRoot), db (capabilities)" */
function rejected(list: readonly WorkloadVerdict[], level: Level): string {
  const shown = list.slice(0, SHOWN).map((w) => `${w.resource.name} (${w[level].join(', ')})`).join(', ');
  const more = list.length > SHOWN ? `, and ${list.length - SHOWN} more` : '';
  return `${list.length} workload${list.length === 1 ? '' : 's'} would be rejected at ${level}: ${shown}${more}`;
}
