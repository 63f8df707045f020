import { defineControl } from '../define.js';
import { componentControl, failAt } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

// CIS Kubernetes Benchmark v1.10.0 1.3.6. RotateKubeletServerCertificate is on by default (beta since
// 1.12, k8s.io/kubernetes/pkg/features/kube_features.go), so only an explicit false fails, as kube-bench's
// test (`nothave RotateKubeletServerCertificate=false`, or --feature-gates unset) decides.
export default defineControl({
  id: 'controller-manager-rotate-server-cert',
  aliases: ['C-0149'],
  title: 'Controller manager turns off kubelet serving-certificate rotation',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: '--feature-gates sets RotateKubeletServerCertificate=false (the gate is on by default).',
  rationale:
    'With the gate off the controller manager does not approve the kubelets\' serving-certificate renewals: those '
    + 'certificates are then self-signed or kept past a compromise.',
  remediation: 'Remove RotateKubeletServerCertificate=false from kube-controller-manager\'s --feature-gates.',
  example: {
    failing: staticPod('kube-controller-manager', ['--feature-gates=RotateKubeletServerCertificate=false']),
    passing: staticPod('kube-controller-manager', ['--feature-gates=RotateKubeletServerCertificate=true']),
  },
  ...componentControl(['kube-controller-manager'], (c, ctx) => {
    const gate = c.flags.featureGates().get('RotateKubeletServerCertificate');
    if (gate && gate.value === false) failAt(c, ctx, gate.path, 'RotateKubeletServerCertificate=false: kubelet serving certificates are not rotated');
  }),
});
