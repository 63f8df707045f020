import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER, KUBEADM_SCHEDULER } from '../../testing/control-plane-fixtures.js';
import { corpusFile } from '../../testing/corpus.js';
import control from './apiserver-profiling.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';
const KOPS_SCHEDULER = corpusFile('kops/nodeup-golden/minimal/kube-scheduler.yaml');
const KOPS_AUDIT_APISERVER = corpusFile('kops/nodeup-golden/audit/kube-apiserver.yaml');

testControl(control, {
  valid: [
    staticPod('kube-apiserver', HARDENED_APISERVER),
    { name: 'scheduler with --profiling=false', yaml: staticPod('kube-scheduler', [...KUBEADM_SCHEDULER, '--profiling=false']) },
  ],
  invalid: [
    { name: 'kubeadm scheduler: unset means on', yaml: staticPod('kube-scheduler', KUBEADM_SCHEDULER), paths: [CMD] },
    { name: 'controller manager --profiling=true', yaml: staticPod('kube-controller-manager', ['--profiling=true']), paths: [`${CMD}[1]`] },
    { name: 'kops apiserver with auditing (go-runner, flags in args)', yaml: KOPS_AUDIT_APISERVER, noWorkloadVariants: true, paths: ['spec.containers[0].args'] },
    { name: 'kops scheduler (go-runner)', yaml: KOPS_SCHEDULER, noWorkloadVariants: true, paths: ['spec.containers[0].args'], lines: [10] },
  ],
});
