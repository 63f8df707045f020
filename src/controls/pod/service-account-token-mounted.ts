import { defineControl, setFix } from '../define.js';
import { staticPodEvidence } from '../../inventory/static-pods.js';

export default defineControl({
  id: 'service-account-token-mounted',
  aliases: ['C-0034', 'C-0190'],
  title: 'Service account token mounted in pod',
  severity: 'medium',
  section: 'pod-security',
  reads: ['ServiceAccount'],
  appliesTo: 'pods',
  failsWhen:
    'the pod\'s effective automountServiceAccountToken is not false: the pod field wins, else the field of its '
    + 'ServiceAccount when that is in the input, else the Kubernetes default (true). A static pod (a mirror pod, or a '
    + 'manifest in a static pod directory) passes: the kubelet runs it from its file, and no service-account token is ever '
    + 'mounted into it.',
  rationale:
    'Unless told otherwise, Kubernetes mounts a token for the pod\'s service account into every container, so anyone '
    + 'who compromises the application can call the Kubernetes API with whatever permissions that account has, and '
    + 'use it to move further into the cluster. The NSA/CISA Kubernetes Hardening Guidance asks that service account '
    + 'tokens be mounted only into pods that need to talk to the API server, by setting automountServiceAccountToken: '
    + 'false on the pod or its ServiceAccount otherwise.',
  remediation:
    'Set automountServiceAccountToken: false in the pod spec (or on the ServiceAccount it uses) for every workload '
    + 'that does not call the Kubernetes API; give the ones that do a dedicated ServiceAccount with minimal permissions.',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
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
  automountServiceAccountToken: false
  containers:
  - name: web
    image: nginx:1.27
`,
  },
  check({ resource, pod }, ctx) {
    // Static pods get no token: the ServiceAccount admission plugin leaves mirror pods as they are and
    // rejects one that references a ServiceAccount, Secret or ConfigMap (plugin/pkg/admission/serviceaccount/
    // admission.go), and the kubelet runs the static pod from its file as written.
    if (staticPodEvidence(resource, pod, ctx.inventory)) return;
    const path = [...pod.specPath, 'automountServiceAccountToken'];
    const fix = setFix('set automountServiceAccountToken: false', path, false, {
      review: 'the application may call the Kubernetes API with the token',
    });
    const own: unknown = pod.spec.automountServiceAccountToken;
    if (own === false) return;
    if (own === true) {
      ctx.fail(path, 'the pod mounts its service account token: the pod sets automountServiceAccountToken: true', { fix });
      return;
    }
    const name = pod.serviceAccount;
    const ns = resource.effectiveNamespace ?? 'default';
    const sa = ctx.inventory.get('ServiceAccount', ns, name);
    const saField: unknown = sa ? (sa.object as Record<string, unknown>).automountServiceAccountToken : undefined;
    if (saField === false) return;
    const detail = saField === true
      ? `the pod does not set automountServiceAccountToken and its ServiceAccount ${ns}/${name} sets it to true`
      : sa
        ? `neither the pod nor its ServiceAccount ${ns}/${name} sets automountServiceAccountToken, so the Kubernetes default (true) applies`
        : `the pod does not set automountServiceAccountToken and its ServiceAccount ${ns}/${name} is not in the input, so the Kubernetes default (true) applies`;
    ctx.fail(path, `the pod mounts its service account token: ${detail}`, { fix });
  },
});
