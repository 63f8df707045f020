import { defineControl } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSecurityContext, podSecurityContext } from '../../inventory/security-context.js';

export default defineControl({
  id: 'non-root-group',
  aliases: [],
  title: 'Pod or container runs with the root group',
  severity: 'low',
  section: 'pod-security',
  appliesTo: 'pods',
  failsWhen: 'an effective runAsGroup or the pod\'s fsGroup is explicitly 0, or the pod\'s supplementalGroups contains 0.',
  rationale:
    'Group 0 (root) owns many files on the node and in images, so a process that runs with GID 0, or whose volumes '
    + 'are owned by GID 0 through fsGroup, can read or write files meant for root if it escapes the container or '
    + 'reaches a shared mount. The NSA/CISA Kubernetes Hardening Guidance asks that containers run as non-root users '
    + 'and groups; setting any of these group fields to 0 explicitly undoes that.',
  remediation:
    'Set runAsGroup and fsGroup to a non-zero GID the image supports, and remove 0 from supplementalGroups.',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    runAsGroup: 0
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
    runAsNonRoot: true
    runAsUser: 10001
    runAsGroup: 10001
  containers:
  - name: web
    image: nginx:1.27
`,
  },
  check({ pod }, ctx) {
    const podSc = podSecurityContext(pod);
    const podScPath = [...pod.specPath, 'securityContext'];
    const gidFix = { description: 'set a non-zero GID the image supports' };

    // runAsGroup: the container's own value wins over the pod's.
    if (podSc.runAsGroup === 0) {
      const inheriting = pod.containers.filter((c) => isUnset(containerSecurityContext(c).runAsGroup));
      if (inheriting.length > 0 || pod.containers.length === 0) {
        const who = inheriting.length > 0 ? `, used by ${inheriting.map(describeContainer).join(', ')}` : '';
        ctx.fail([...podScPath, 'runAsGroup'], `the pod runs as the root group (runAsGroup: 0 on the pod${who})`, { fix: gidFix });
      }
    }
    for (const c of pod.containers) {
      if (containerSecurityContext(c).runAsGroup !== 0) continue;
      ctx.fail([...c.path, 'securityContext', 'runAsGroup'], `${describeContainer(c)} runs as the root group (runAsGroup: 0)`, { fix: gidFix });
    }

    if (podSc.fsGroup === 0) {
      ctx.fail([...podScPath, 'fsGroup'], 'the pod\'s volumes are owned by the root group (fsGroup: 0)', { fix: gidFix });
    }

    const supplemental: unknown = podSc.supplementalGroups;
    if (Array.isArray(supplemental)) {
      supplemental.forEach((gid, i) => {
        if (gid !== 0) return;
        ctx.fail([...podScPath, 'supplementalGroups', i], 'the pod adds the root group to its processes (supplementalGroups contains 0)', {
          fix: { description: 'remove 0 from supplementalGroups' },
        });
      });
    }
  },
});

function isUnset(v: unknown): boolean {
  return v === undefined || v === null;
}
