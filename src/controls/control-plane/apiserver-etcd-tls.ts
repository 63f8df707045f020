import { defineControl } from '../define.js';
import { redactUrl } from '../../model/flags.js';
import { componentControl, failAt, requireFlag } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';
import { etcdOverLocalSocket } from '../templates/flag-rules.js';

export default defineControl({
  id: 'apiserver-etcd-tls',
  aliases: ['C-0137', 'C-0140'],
  title: 'API server talks to etcd without TLS',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--etcd-cafile, --etcd-certfile or --etcd-keyfile is missing, or an --etcd-servers URL is http://.',
  rationale:
    'etcd holds every object of the cluster, Secrets included. The guidance asks that the API server reach it '
    + 'only over TLS, with a client certificate etcd verifies, so that nothing else on the network can read or '
    + 'write the cluster state.',
  remediation: 'Use https:// --etcd-servers and give kube-apiserver --etcd-cafile, --etcd-certfile and --etcd-keyfile.',
  example: {
    failing: staticPod('kube-apiserver', ['--etcd-servers=http://127.0.0.1:2379']),
    passing: staticPod('kube-apiserver', [
      '--etcd-servers=https://127.0.0.1:2379', '--etcd-cafile=/pki/etcd/ca.crt',
      '--etcd-certfile=/pki/apiserver-etcd-client.crt', '--etcd-keyfile=/pki/apiserver-etcd-client.key',
    ]),
  },
  ...componentControl(['kube-apiserver'], (c, ctx) => {
    const servers = c.flags.list('etcd-servers');
    for (const s of servers) {
      if (/^http:\/\//i.test(s.item)) failAt(c, ctx, s.path, `--etcd-servers ${redactUrl(s.item)} is plain HTTP`);
    }
    // A local socket (k3s' kine: unix://kine.sock) never leaves the host: no certificates needed.
    if (etcdOverLocalSocket(c)) return;
    requireFlag(c, ctx, 'etcd-cafile', 'etcd\'s serving certificate is not verified');
    requireFlag(c, ctx, 'etcd-certfile', 'no client certificate for etcd');
    requireFlag(c, ctx, 'etcd-keyfile', 'no client key for etcd');
  }),
});
