import { defineControl } from '../define.js';
import { isLoopbackHost, redactUrl, urlHost } from '../../model/flags.js';
import { ETCD_CONFIG_FILE_NOTE, componentControl, etcdTargets, failAt, noComponentReason, requireBool, requireFlag } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

/** etcd's defaults (etcd --help): plain HTTP, but on localhost only. */
const LISTEN_DEFAULTS: Record<string, string> = { 'listen-client-urls': 'http://localhost:2379', 'listen-peer-urls': 'http://localhost:2380' };

export default defineControl({
  id: 'etcd-tls',
  aliases: ['C-0153', 'C-0154', 'C-0155', 'C-0156', 'C-0157', 'C-0158'],
  title: 'etcd is not protected by TLS',
  severity: 'high',
  section: 'control-plane',
  failsWhen: 'etcd lacks --cert-file/--key-file or --peer-cert-file/--peer-key-file, --client-cert-auth or --peer-client-cert-auth is not true, '
    + '--auto-tls or --peer-auto-tls is true, or a listen URL is http:// on a non-loopback address.',
  rationale:
    'etcd is the cluster\'s database. The guidance asks that it accept only TLS connections authenticated with '
    + 'certificates from its own CA, for clients and for peers; self-signed automatic certificates authenticate '
    + 'nobody.',
  remediation: 'Give etcd --cert-file, --key-file, --peer-cert-file, --peer-key-file, --trusted-ca-file and --peer-trusted-ca-file, set --client-cert-auth=true and --peer-client-cert-auth=true, drop --auto-tls/--peer-auto-tls, and listen on https:// URLs.',
  example: {
    failing: staticPod('etcd', ['--listen-client-urls=http://0.0.0.0:2379']),
    passing: staticPod('etcd', [
      '--cert-file=/pki/etcd/server.crt', '--key-file=/pki/etcd/server.key', '--client-cert-auth=true',
      '--peer-cert-file=/pki/etcd/peer.crt', '--peer-key-file=/pki/etcd/peer.key', '--peer-client-cert-auth=true',
      '--listen-client-urls=https://127.0.0.1:2379', '--trusted-ca-file=/pki/etcd/ca.crt',
    ]),
  },
  ...componentControl(['etcd'], (c, ctx) => {
    if (c.settingsNotInInput) return;
    requireFlag(c, ctx, 'cert-file', 'clients connect without TLS');
    requireFlag(c, ctx, 'key-file', 'clients connect without TLS');
    requireFlag(c, ctx, 'peer-cert-file', 'peers replicate without TLS');
    requireFlag(c, ctx, 'peer-key-file', 'peers replicate without TLS');
    requireBool(c, ctx, 'client-cert-auth', true, false, 'clients are not required to present a certificate');
    requireBool(c, ctx, 'peer-client-cert-auth', true, false, 'peers are not required to present a certificate');
    requireBool(c, ctx, 'auto-tls', false, false, 'self-signed certificates authenticate nobody');
    requireBool(c, ctx, 'peer-auto-tls', false, false, 'self-signed peer certificates authenticate nobody');
    for (const flag of Object.keys(LISTEN_DEFAULTS)) {
      const urls = c.flags.list(flag);
      for (const u of urls) {
        const host = urlHost(u.item);
        if (/^http:\/\//i.test(u.item) && !(host && isLoopbackHost(host))) {
          failAt(c, ctx, u.path, `--${flag} ${redactUrl(u.item)} serves plain HTTP beyond the node`);
        }
      }
    }
  }),
  targets: etcdTargets,
  nothingToEvaluate: `${noComponentReason(['etcd'])}; ${ETCD_CONFIG_FILE_NOTE}`,
});
