// Pod Security Standards, baseline, "Sysctls": k8s.io/pod-security-admission/policy/check_sysctls.go
// (sysctls_1_0, _1_27, _1_29, _1_32): every spec.securityContext.sysctls[*].name must be in the version's
// allowed set, compared as written (a slash-separated name is not in the set). Not mapped to
// pod/unsafe-sysctls, which judges with the newest set and reads slashes as dots.
import { defineControl } from '../define.js';
import { isObj } from '../../model/guards.js';
import { SAFE_SYSCTLS } from '../pod/unsafe-sysctls.js';
import { podSC, pssMinor } from '../templates/pss.js';

/** The allowed names at a minor version: each entry of SAFE_SYSCTLS joined the set at its `since` version. */
export function allowedSysctls(minor: number): Set<string> {
  return new Set(SAFE_SYSCTLS.filter(([, since]) => Number(since.split('.')[1]) <= minor).map(([name]) => name));
}

export default defineControl({
  id: 'pss-sysctls',
  aliases: ['sysctls'],
  title: 'PSS baseline: unsafe sysctls',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  inputs: ['pssVersion'],
  failsWhen: 'the pod sets a sysctl outside the safe set of the version, compared as written: '
    + SAFE_SYSCTLS.map(([name, since]) => `${name} (from v${since})`).join(', ') + ' (check sysctls).',
  rationale: 'Sysctls outside the safe set act on the whole node or weaken kernel protections; the baseline Pod Security '
    + 'Standard allows only the namespaced, safe ones, and the set grew with Kubernetes versions.',
  remediation: 'Remove the sysctl from spec.securityContext.sysctls, or run the workload where the version allows it.',
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
    - name: net.ipv4.tcp_keepalive_time
      value: "600"
  containers:
  - name: web
    image: nginx:1.27
`,
  },
  check({ pod }, ctx) {
    const sysctls: unknown = podSC(pod)?.sysctls;
    if (!Array.isArray(sysctls)) return;
    const minor = pssMinor(ctx.inputs);
    const allowed = allowedSysctls(minor);
    sysctls.forEach((s: unknown, i: number) => {
      const name = isObj(s) && typeof s.name === 'string' ? s.name : '';
      if (allowed.has(name)) return;
      ctx.fail([...pod.specPath, 'securityContext', 'sysctls', i, 'name'],
        `the pod sets sysctl ${JSON.stringify(name)}, not in the baseline Pod Security Standard's safe set at v1.${minor} (sysctls)`,
        { fix: { description: `remove the sysctl ${JSON.stringify(name)}` } });
    });
  },
});
