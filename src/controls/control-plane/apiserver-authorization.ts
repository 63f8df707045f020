import { defineControl } from '../define.js';
import { componentControl } from '../templates/component-control.js';
import { authorizationConfigMissing, authorizers } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

export default defineControl({
  id: 'apiserver-authorization',
  aliases: ['C-0118', 'C-0119', 'C-0120', 'C-0088'],
  title: 'API server authorization is not Node and RBAC',
  severity: 'critical',
  section: 'control-plane',
  failsWhen: '--authorization-mode is unset (the default is AlwaysAllow), includes AlwaysAllow, or lacks RBAC or Node.',
  rationale:
    'AlwaysAllow lets every authenticated request do anything, which makes every RBAC control meaningless. RBAC '
    + 'gives least privilege to users and service accounts, and the Node authorizer limits each kubelet to the '
    + 'objects of its own pods. The guidance asks for RBAC and Node authorization.',
  remediation: 'Start kube-apiserver with --authorization-mode=Node,RBAC (Webhook may follow them).',
  example: {
    failing: staticPod('kube-apiserver', ['--authorization-mode=AlwaysAllow']),
    passing: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
  },
  ...componentControl(['kube-apiserver'], (c, ctx) => {
    // Structured authorization (--authorization-config, 1.30+) replaces --authorization-mode: see authorizers()
    const a = authorizers(c, ctx);
    if (!a) {
      authorizationConfigMissing(c, ctx);
      return;
    }
    if (a.unset) {
      a.whole('--authorization-mode is unset: the default is AlwaysAllow, every authenticated request is allowed');
      return;
    }
    a.types.forEach((t, i) => {
      if (t === 'AlwaysAllow') a.at(i)(`${a.what} includes AlwaysAllow: every authenticated request is allowed`);
    });
    if (!a.types.includes('RBAC')) a.whole(`${a.what} lacks RBAC`);
    if (!a.types.includes('Node')) a.whole(`${a.what} lacks Node: kubelets are not limited to their own pods' objects`);
  }),
});
