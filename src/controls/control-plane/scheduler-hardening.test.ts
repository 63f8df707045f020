import { testControl } from '../../testing/control-tester.js';
import { KUBEADM_SCHEDULER } from '../../testing/control-plane-fixtures.js';
import { corpusFile } from '../../testing/corpus.js';
import control from './scheduler-hardening.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';

testControl(control, {
  valid: [
    staticPod('kube-scheduler', KUBEADM_SCHEDULER),
    { name: 'IPv6 loopback', yaml: staticPod('kube-scheduler', ['--bind-address=::1']) },
    { name: 'hyperkube', yaml: staticPod('kube-scheduler', []).replace('    - kube-scheduler\n', '    - /hyperkube\n    - kube-scheduler\n    - --bind-address=127.0.0.1\n'), noWorkloadVariants: true },
  ],
  invalid: [
    { name: 'unset: 0.0.0.0', yaml: staticPod('kube-scheduler', ['--leader-elect=true']), paths: [CMD], messages: [/defaults to 0\.0\.0\.0/] },
    { name: 'kubernetes.io second scheduler (a Deployment)', yaml: corpusFile('k8s-website/admin/sched/my-scheduler.yaml'), noWorkloadVariants: true,
      paths: ['spec.template.spec.containers[0].command[1]'], lines: [74] },
    { name: 'via sh -c', noWorkloadVariants: true, yaml: `apiVersion: v1
kind: Pod
metadata: {name: kube-scheduler, namespace: kube-system}
spec:
  containers:
  - name: scheduler
    image: registry.k8s.io/kube-scheduler:v1.20.0
    command: [/bin/sh, -c, "exec /usr/local/bin/kube-scheduler --bind-address=0.0.0.0 --v=2 1>>/var/log/kube-scheduler.log 2>&1"]
`, paths: ['spec.containers[0].command[2]'], messages: [/--bind-address=0\.0\.0\.0 is not a loopback address/] },
  ],
});
