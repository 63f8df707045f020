import { describe } from 'node:test';
import { testControl } from '../../testing/control-tester.js';
import {
  IMPOSTOR_COMMAND, IMPOSTOR_NAME_ONLY, KUBEADM_CONTROLLER_MANAGER, KUBEADM_ETCD, kubeadmApiserver, lineOf,
} from '../../testing/control-plane-pods.js';
import control from './host-network.js';

testControl(control, {
  valid: [
    {
      name: 'not set',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27, ports: [{containerPort: 80}]}]
`,
    },
    {
      name: 'explicitly false, host PID is another control',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostNetwork: false
  hostPID: true
  containers: [{name: a, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'hostNetwork true',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
  hostNetwork: true # fails
  dnsPolicy: ClusterFirstWithHostNet
`,
      paths: ['spec.hostNetwork'],
      messages: [/host's network namespace \(hostNetwork: true\)/],
    },
  ],
});

describe('control host-network on the control plane\'s own static pods', () => {
  // Excepted as "Kubernetes built-in" only when the pod is a static pod (mirror annotation, or a manifest in a
  // static pod directory: see src/inventory/static-pods.test.ts), in kube-system, runs the component's executable,
  // and its component/k8s-app label names the same component.
  const apiserver = kubeadmApiserver();
  testControl(control, {
    valid: [{ name: 'a mirror pod without hostNetwork is evaluated and passes', yaml: apiserver.replace('  hostNetwork: true\n', ''), noWorkloadVariants: true }],
    invalid: [
      {
        name: 'kubeadm\'s kube-apiserver mirror pod is excepted, Kubernetes built-in',
        yaml: apiserver, noWorkloadVariants: true, excepted: true,
        paths: ['spec.hostNetwork'], lines: [lineOf(apiserver, 'hostNetwork: true')],
        messages: [/it is the kube-apiserver mirror pod of the control plane/],
      },
      { name: 'kubeadm\'s etcd mirror pod is excepted', yaml: KUBEADM_ETCD, noWorkloadVariants: true, excepted: true, paths: ['spec.hostNetwork'] },
      { name: 'kubeadm\'s controller-manager mirror pod is excepted', yaml: KUBEADM_CONTROLLER_MANAGER, noWorkloadVariants: true, excepted: true, paths: ['spec.hostNetwork'] },
      // impostors: each copies the mirror pod but for one thing
      { name: 'impostor: the same pod as a manifest outside a static pod directory (no mirror annotation)', yaml: kubeadmApiserver({ mirror: false }), noWorkloadVariants: true, paths: ['spec.hostNetwork'] },
      { name: 'impostor: outside kube-system', yaml: kubeadmApiserver({ namespace: 'app' }), noWorkloadVariants: true, paths: ['spec.hostNetwork'] },
      { name: 'impostor: its label names another component', yaml: kubeadmApiserver({ label: 'kube-scheduler' }), noWorkloadVariants: true, paths: ['spec.hostNetwork'] },
      { name: 'impostor: its command is a shell, not the component', yaml: IMPOSTOR_COMMAND, noWorkloadVariants: true, paths: ['spec.hostNetwork'] },
      { name: 'impostor: only its container name and image say kube-apiserver', yaml: IMPOSTOR_NAME_ONLY, noWorkloadVariants: true, paths: ['spec.hostNetwork'] },
      {
        name: 'impostor: a DaemonSet in kube-system whose template is the mirror pod (a controller\'s pods are never static)',
        yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-apiserver, namespace: kube-system}
spec:
  selector: {matchLabels: {component: kube-apiserver}}
  template:
${apiserver.split('\n').slice(2).filter((l) => !l.startsWith('  name: ') && !l.startsWith('  namespace: ')).map((l) => (l ? `    ${l}` : l)).join('\n')}`,
        noWorkloadVariants: true, paths: ['spec.template.spec.hostNetwork'],
      },
    ],
  });
});
