import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_CONTROLLER_MANAGER } from '../../testing/control-plane-fixtures.js';
import { corpusFile } from '../../testing/corpus.js';
import control from './controller-manager-hardening.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';
const n = KUBEADM_CONTROLLER_MANAGER.length;

testControl(control, {
  valid: [
    staticPod('kube-controller-manager', KUBEADM_CONTROLLER_MANAGER),
    { name: 'other feature gates', yaml: staticPod('kube-controller-manager', [...KUBEADM_CONTROLLER_MANAGER, '--feature-gates=RotateKubeletServerCertificate=true,Foo=false']) },
  ],
  invalid: [
    { name: 'feature gate off, bind everywhere', yaml: staticPod('kube-controller-manager', [...KUBEADM_CONTROLLER_MANAGER, '--feature-gates=A=true,RotateKubeletServerCertificate=false', '--bind-address=0.0.0.0']),
      paths: [`${CMD}[${n + 1}]`, `${CMD}[${n + 2}]`] },
    { name: 'repeated --feature-gates merge, later wins per key', yaml: staticPod('kube-controller-manager', [...KUBEADM_CONTROLLER_MANAGER, '--feature-gates=RotateKubeletServerCertificate=true', '--feature-gates=Other=true,RotateKubeletServerCertificate=false']),
      paths: [`${CMD}[${n + 2}]`] },
    { name: 'nothing set', yaml: staticPod('kube-controller-manager', ['--leader-elect']), paths: [CMD, CMD, CMD, CMD],
      messages: [/--use-service-account-credentials is unset \(default false\)/, /--root-ca-file is not set/, /defaults to 0\.0\.0\.0/] },
    { name: 'kops (go-runner)', yaml: corpusFile('kops/nodeup-golden/minimal/kube-controller-manager.yaml'), noWorkloadVariants: true, paths: ['spec.containers[0].args'] },
  ],
});
