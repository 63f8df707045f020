import { defineControl } from '../define.js';
import { componentControl, failFlag, shown } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

export default defineControl({
  id: 'apiserver-insecure-port',
  aliases: ['C-0005'],
  title: 'API server serves an insecure port',
  severity: 'critical',
  section: 'control-plane',
  failsWhen: '--insecure-port is set to a non-zero value, or --insecure-bind-address is set.',
  rationale:
    'The insecure port serves the API over plain HTTP with no authentication and no authorization: anyone who '
    + 'can reach it is cluster-admin. It was removed in Kubernetes 1.24, but older API servers and copied '
    + 'manifests still carry it.',
  remediation: 'Remove --insecure-port and --insecure-bind-address (or set --insecure-port=0 on versions before 1.20).',
  example: {
    failing: staticPod('kube-apiserver', ['--insecure-port=8080', '--secure-port=6443']),
    passing: staticPod('kube-apiserver', ['--secure-port=6443']),
  },
  ...componentControl(['kube-apiserver'], (c, ctx) => {
    const port = c.flags.value('insecure-port');
    if (port !== undefined && port.trim() !== '0') {
      failFlag(c, ctx, 'insecure-port', `${shown(c, 'insecure-port')} serves the API unauthenticated over HTTP`);
    }
    if (c.flags.has('insecure-bind-address')) {
      failFlag(c, ctx, 'insecure-bind-address', `${shown(c, 'insecure-bind-address')} binds the unauthenticated HTTP port`);
    }
  }),
});
