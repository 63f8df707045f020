import { defineControl } from '../define.js';
import { componentControl, requireBool, requireFlag } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

export default defineControl({
  id: 'service-account-tokens',
  aliases: ['C-0135', 'C-0136', 'C-0290'],
  title: 'Service-account tokens are not short-lived and checked',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: '--service-account-lookup=false, --service-account-key-file is missing, or --service-account-extend-token-expiration is not false.',
  rationale:
    'The v1.1 revision asks for short-lived service-account tokens. With --service-account-extend-token-expiration '
    + '(on by default) projected tokens stay valid for a year whatever their requested lifetime; without lookup a '
    + 'token stays valid after its ServiceAccount is deleted; without a key file tokens cannot be verified.',
  remediation: 'Start kube-apiserver with --service-account-key-file, --service-account-lookup=true and --service-account-extend-token-expiration=false (after workloads refresh their tokens, which current client libraries do).',
  example: {
    failing: staticPod('kube-apiserver', ['--service-account-lookup=false']),
    passing: staticPod('kube-apiserver', ['--service-account-key-file=/pki/sa.pub', '--service-account-extend-token-expiration=false']),
  },
  ...componentControl(['kube-apiserver'], (c, ctx) => {
    requireBool(c, ctx, 'service-account-lookup', true, true, 'tokens of deleted ServiceAccounts stay valid');
    requireFlag(c, ctx, 'service-account-key-file', 'service-account tokens cannot be verified with a dedicated key');
    requireBool(c, ctx, 'service-account-extend-token-expiration', false, true, 'projected tokens are extended to a year');
  }),
});
