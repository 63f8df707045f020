import { defineControl } from '../define.js';
import { componentControl, failAt } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

const PROVIDERS = ['oidc-issuer-url', 'authentication-config', 'authentication-token-webhook-config-file'];

export default defineControl({
  id: 'external-authentication',
  aliases: ['C-0286', 'C-0287'],
  title: 'No external identity provider for users',
  severity: 'low',
  section: 'control-plane',
  failsWhen: 'none of --oidc-issuer-url, --authentication-config, --authentication-token-webhook-config-file is set.',
  rationale:
    'Without an external identity provider, people authenticate with client certificates (which cannot be '
    + 'revoked) or static tokens, and none of them can carry multi-factor authentication. The v1.1 revision '
    + 'recommends an OIDC provider or a webhook backed by the organisation\'s identity system.',
  remediation: 'Configure OIDC (--oidc-issuer-url and --oidc-client-id, or an AuthenticationConfiguration with --authentication-config) or an authentication webhook.',
  example: {
    failing: staticPod('kube-apiserver', ['--client-ca-file=/pki/ca.crt']),
    passing: staticPod('kube-apiserver', ['--client-ca-file=/pki/ca.crt', '--oidc-issuer-url=https://login.example.com']),
  },
  ...componentControl(['kube-apiserver'], (c, ctx) => {
    if (PROVIDERS.some((f) => c.flags.value(f))) return;
    failAt(c, ctx, c.flagsAt, `no external identity provider (${PROVIDERS.map((f) => `--${f}`).join(', ')}): users rely on certificates or static tokens`);
  }),
});
