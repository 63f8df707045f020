import { defineControl } from '../define.js';
import { isObj } from '../../model/guards.js';

/**
 * The safe sysctls of the baseline Pod Security Standard, each with the Kubernetes version whose
 * policy added it: k8s.io/pod-security-admission/policy/check_sysctls.go (sysctlsAllowedV1Dot0,
 * V1Dot27, V1Dot29, V1Dot32; each version's set is the previous one plus these). Palisade judges
 * with the newest set; a namespace that pins an older `enforce-version` rejects the newer names.
 */
export const SAFE_SYSCTLS: ReadonlyArray<readonly [name: string, since: string]> = [
  ['kernel.shm_rmid_forced', '1.0'],
  ['net.ipv4.ip_local_port_range', '1.0'],
  ['net.ipv4.tcp_syncookies', '1.0'],
  ['net.ipv4.ping_group_range', '1.0'],
  ['net.ipv4.ip_unprivileged_port_start', '1.0'],
  ['net.ipv4.ip_local_reserved_ports', '1.27'],
  ['net.ipv4.tcp_keepalive_time', '1.29'],
  ['net.ipv4.tcp_fin_timeout', '1.29'],
  ['net.ipv4.tcp_keepalive_intvl', '1.29'],
  ['net.ipv4.tcp_keepalive_probes', '1.29'],
  ['net.ipv4.tcp_rmem', '1.32'],
  ['net.ipv4.tcp_wmem', '1.32'],
];
const SAFE: ReadonlySet<string> = new Set(SAFE_SYSCTLS.map(([name]) => name));

export default defineControl({
  id: 'unsafe-sysctls',
  aliases: [],
  title: 'Pod sets unsafe sysctls',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  failsWhen: 'the pod\'s securityContext.sysctls names a sysctl outside the safe set of the baseline Pod Security Standard: '
    + SAFE_SYSCTLS.map(([name, since]) => `${name} (${since})`).join(', ')
    + '. A name written with slashes (net/ipv4/tcp_syncookies) is judged as its dotted form, as the kubelet and the kernel read it; '
    + 'Pod Security admission compares the name as written and rejects that form.',
  rationale:
    'Sysctls change kernel parameters. The few in the baseline Pod Security Standard\'s safe set are namespaced and '
    + 'affect only the pod; the others either act on the whole node, where one pod can degrade or destabilise every '
    + 'other workload, or weaken kernel protections. The guidance asks that pod security enforcement hold workloads '
    + 'to the Pod Security Standards, whose baseline level forbids every sysctl outside that set.',
  remediation:
    'Remove the unsafe sysctls from spec.securityContext.sysctls. If a workload truly needs one, tune it on '
    + 'dedicated nodes through the node configuration (kubelet --allowed-unsafe-sysctls with taints and tolerations) '
    + 'and keep the workload in a namespace with a suitable Pod Security level.',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  securityContext:
    sysctls:
    - name: kernel.msgmax
      value: "65536"
  containers:
  - name: web
    image: nginx:1.27
`,
    passing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  securityContext:
    sysctls:
    - name: net.ipv4.ip_local_port_range
      value: "32768 60999"
  containers:
  - name: web
    image: nginx:1.27
`,
  },
  check({ pod }, ctx) {
    const sc: unknown = pod.spec.securityContext;
    if (!isObj(sc) || !Array.isArray(sc.sysctls)) return;
    sc.sysctls.forEach((s: unknown, i: number) => {
      if (!isObj(s) || typeof s.name !== 'string') return;
      // the kernel accepts both separators: net/ipv4/tcp_syncookies is net.ipv4.tcp_syncookies (the kubelet
      // converts with ConvertSysctlVariableToDotsSeparator). check_sysctls.go compares sysctl.Name as written.
      if (SAFE.has(s.name.replace(/\//g, '.'))) return;
      ctx.fail(
        [...pod.specPath, 'securityContext', 'sysctls', i, 'name'],
        `the pod sets sysctl "${s.name}", which is not in the baseline Pod Security Standard's safe set`,
        { fix: { description: `remove the sysctl "${s.name}" from spec.securityContext.sysctls` } },
      );
    });
  },
});
