import { defineControl } from '../define.js';
import { isLoopbackHost } from '../../model/flags.js';
import { componentControl, failAt, failFlag, requireBool, requireFlag, shown } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

export default defineControl({
  id: 'controller-manager-hardening',
  aliases: ['C-0146', 'C-0147', 'C-0148', 'C-0149', 'C-0150'],
  title: 'Controller manager is not hardened',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: '--use-service-account-credentials is not true, --service-account-private-key-file or --root-ca-file is missing, '
    + 'RotateKubeletServerCertificate=false, or --bind-address is not loopback (it defaults to 0.0.0.0).',
  rationale:
    'With its own credentials for each controller, a compromised controller holds only that controller\'s '
    + 'permissions; the service-account key and root CA let it issue verifiable tokens; kubelet serving '
    + 'certificates must rotate; and its health and metrics port should not listen on every interface.',
  remediation: 'Start kube-controller-manager with --use-service-account-credentials=true, --service-account-private-key-file, --root-ca-file, --bind-address=127.0.0.1, and without RotateKubeletServerCertificate=false.',
  example: {
    failing: staticPod('kube-controller-manager', ['--bind-address=0.0.0.0']),
    passing: staticPod('kube-controller-manager', [
      '--bind-address=127.0.0.1', '--use-service-account-credentials=true',
      '--service-account-private-key-file=/pki/sa.key', '--root-ca-file=/pki/ca.crt',
    ]),
  },
  ...componentControl(['kube-controller-manager'], (c, ctx) => {
    requireBool(c, ctx, 'use-service-account-credentials', true, false, 'all controllers share the controller manager\'s own credentials');
    requireFlag(c, ctx, 'service-account-private-key-file', 'service-account tokens cannot be signed with a dedicated key');
    requireFlag(c, ctx, 'root-ca-file', 'pods do not get the cluster CA to verify the API server');
    const gate = c.flags.featureGates().get('RotateKubeletServerCertificate');
    if (gate && gate.value === false) failAt(c, ctx, gate.path, 'RotateKubeletServerCertificate=false: kubelet serving certificates are not rotated');
    const bind = c.flags.value('bind-address');
    if (bind === undefined) failFlag(c, ctx, 'bind-address', '--bind-address is unset: it defaults to 0.0.0.0, every interface');
    else if (!isLoopbackHost(bind)) failFlag(c, ctx, 'bind-address', `${shown(c, 'bind-address')} is not a loopback address`);
  }),
});
