import { defineControl } from '../define.js';
import { componentControl, failFlag } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

export default defineControl({
  id: 'apiserver-static-credentials',
  aliases: ['C-0114'],
  title: 'API server accepts static token or password files',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--token-auth-file or --basic-auth-file is set on kube-apiserver.',
  rationale:
    'Static token and password files hold long-lived credentials in clear text on the control-plane node; they '
    + 'cannot be rotated without restarting the API server and never expire. The guidance asks for certificates, '
    + 'short-lived tokens or an external identity provider instead.',
  remediation: 'Remove --token-auth-file and --basic-auth-file; move users to client certificates or OIDC, and workloads to service-account tokens.',
  example: {
    failing: staticPod('kube-apiserver', ['--token-auth-file=/etc/kubernetes/tokens.csv']),
    passing: staticPod('kube-apiserver', ['--oidc-issuer-url=https://login.example.com']),
  },
  ...componentControl(['kube-apiserver'], (c, ctx) => {
    // The file names are shown, never their content.
    for (const flag of ['token-auth-file', 'basic-auth-file']) {
      const v = c.flags.get(flag);
      if (v) failFlag(c, ctx, flag, `--${flag}=${v.value} accepts static, never-expiring credentials`);
    }
  }),
});
