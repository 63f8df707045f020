// Pod Security Standards, baseline, "SELinux": k8s.io/pod-security-admission/policy/check_seLinuxOptions.go.
// seLinuxOptions_1_0: the pod's and each container's seLinuxOptions.type must be unset, container_t,
// container_init_t or container_kvm_t, and user and role unset (empty); level is free.
// seLinuxOptions_1_31: container_engine_t is allowed too (selinuxAllowedTypes1_31).
import { defineControl } from '../define.js';
import { isObj } from '../../model/guards.js';
import { describeContainer } from '../../inventory/index.js';
import type { PathSegments } from '../../model/types.js';
import { containerSC, podSC, pssMinor, str } from '../templates/pss.js';

const TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const TYPES_1_31 = [...TYPES_1_0, 'container_engine_t'];

export default defineControl({
  id: 'pss-selinux-options',
  aliases: ['seLinuxOptions'],
  title: 'PSS baseline: SELinux options',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'pods',
  inputs: ['pssVersion'],
  failsWhen: 'the pod or a container sets seLinuxOptions.user or .role, or a type other than container_t, container_init_t, '
    + 'container_kvm_t (and, from v1.31, container_engine_t) (check seLinuxOptions).',
  rationale: 'A custom SELinux user, role or type can lift the confinement SELinux gives containers; the baseline Pod Security '
    + 'Standard allows only the container types.',
  remediation: 'Remove seLinuxOptions.user and .role, and use one of the allowed types.',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  securityContext:
    seLinuxOptions:
      type: spc_t
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
    seLinuxOptions:
      type: container_t
      level: "s0:c123,c456"
  containers:
  - name: web
    image: nginx:1.27
`,
  },
  check({ pod }, ctx) {
    const allowed = pssMinor(ctx.inputs) >= 31 ? TYPES_1_31 : TYPES_1_0;
    const judge = (opts: unknown, at: PathSegments, who: string): void => {
      if (!isObj(opts)) return;
      if (!allowed.includes(str(opts.type))) {
        ctx.fail([...at, 'type'], `${who} sets seLinuxOptions.type ${JSON.stringify(str(opts.type))}: the baseline Pod Security Standard allows ${allowed.filter(Boolean).join(', ')} (seLinuxOptions, v1.${pssMinor(ctx.inputs)})`,
          { fix: { description: 'remove seLinuxOptions.type or set an allowed container type' } });
      }
      for (const field of ['user', 'role'] as const) {
        if (str(opts[field]) === '') continue;
        ctx.fail([...at, field], `${who} sets seLinuxOptions.${field}, which the baseline Pod Security Standard forbids (seLinuxOptions)`,
          { fix: { description: `remove seLinuxOptions.${field}` } });
      }
    };
    judge(podSC(pod)?.seLinuxOptions, [...pod.specPath, 'securityContext', 'seLinuxOptions'], 'the pod');
    for (const c of pod.containers) judge(containerSC(c)?.seLinuxOptions, [...c.path, 'securityContext', 'seLinuxOptions'], describeContainer(c));
  },
});
