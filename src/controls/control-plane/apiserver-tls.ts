import { defineControl } from '../define.js';
import { componentControl, failFlag, requireFlag } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

const REQUIRED: ReadonlyArray<[string, string]> = [
  ['tls-cert-file', 'the API server\'s serving certificate'],
  ['tls-private-key-file', 'the API server\'s serving key'],
  ['client-ca-file', 'client certificates cannot be verified'],
  ['kubelet-client-certificate', 'the API server cannot authenticate to kubelets'],
  ['kubelet-client-key', 'the API server cannot authenticate to kubelets'],
  ['kubelet-certificate-authority', 'kubelets\' serving certificates are not verified: a man in the middle can pose as a kubelet'],
];

export default defineControl({
  id: 'apiserver-tls',
  aliases: ['C-0138', 'C-0139', 'C-0116', 'C-0117', 'C-0128'],
  title: 'API server TLS is incomplete',
  severity: 'high',
  section: 'control-plane',
  failsWhen: 'one of --tls-cert-file, --tls-private-key-file, --client-ca-file, --kubelet-client-certificate, '
    + '--kubelet-client-key, --kubelet-certificate-authority is missing, or --secure-port=0.',
  rationale:
    'The guidance asks that every connection of the control plane be encrypted and mutually authenticated: '
    + 'clients to the API server, and the API server to each kubelet (which it calls for logs, exec and port '
    + 'forwarding). Without a kubelet CA the API server trusts any certificate a kubelet presents.',
  remediation: 'Give kube-apiserver its serving certificate and key, the client CA, and a client certificate, key and CA for kubelets (kubeadm: add --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt with kubelet serving certificates signed by the cluster CA).',
  example: {
    failing: staticPod('kube-apiserver', ['--tls-cert-file=/pki/apiserver.crt', '--tls-private-key-file=/pki/apiserver.key']),
    passing: staticPod('kube-apiserver', REQUIRED.map(([f]) => `--${f}=/pki/${f}`)),
  },
  ...componentControl(['kube-apiserver'], (c, ctx) => {
    for (const [flag, why] of REQUIRED) requireFlag(c, ctx, flag, why);
    if (c.flags.value('secure-port')?.trim() === '0') failFlag(c, ctx, 'secure-port', '--secure-port=0 turns off the HTTPS port');
  }),
});
