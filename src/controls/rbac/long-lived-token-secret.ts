import { defineControl } from '../define.js';

export default defineControl({
  id: 'long-lived-token-secret',
  aliases: [],
  title: 'Long-lived service account token Secret',
  severity: 'medium',
  section: 'rbac',
  appliesTo: { kinds: ['Secret'] },
  failsWhen: 'a Secret of type kubernetes.io/service-account-token exists (a token that never expires).',
  rationale:
    'A service-account token stored in a Secret never expires and is not bound to a pod: once copied, it works until '
    + 'someone deletes the Secret. The v1.1 revision of the guidance asks for short-lived, audience-bound tokens '
    + '(projected volumes, the TokenRequest API) instead.',
  remediation: 'Delete the Secret and let pods use projected service-account tokens; for external use, request short-lived tokens with `kubectl create token`.',
  nothingToEvaluate: 'no Secrets in the input',
  example: {
    failing: `apiVersion: v1
kind: Secret
metadata:
  name: ci-token
  namespace: build
  annotations: {kubernetes.io/service-account.name: ci}
type: kubernetes.io/service-account-token
`,
    passing: `apiVersion: v1
kind: Secret
metadata:
  name: ci-settings
  namespace: build
type: Opaque
`,
  },
  check({ resource }, ctx) {
    if (resource.object.type !== 'kubernetes.io/service-account-token') return;
    const sa = resource.object.metadata.annotations?.['kubernetes.io/service-account.name'];
    ctx.fail(['type'], `Secret ${resource.name} holds a non-expiring token${sa ? ` for ServiceAccount ${sa}` : ''}`, {
      fix: { description: 'delete it and use projected (short-lived) service-account tokens' },
    });
  },
});
