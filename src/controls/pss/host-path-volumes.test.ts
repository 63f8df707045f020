import { testControl } from '../../testing/control-tester.js';
import control from './host-path-volumes.js';

testControl(control, {
  valid: [
    `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
  volumes:
  - {name: c, emptyDir: {}}
  - {name: n, nfs: {server: nfs.example, path: /x}}
`,
  ],
  invalid: [
    {
      name: 'any hostPath, even of a control-plane component (PSA excepts nothing)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system, labels: {component: kube-apiserver, tier: control-plane}}
spec:
  containers: [{name: kube-apiserver, image: registry.k8s.io/kube-apiserver:v1.34.0}]
  volumes:
  - name: certs
    hostPath: {path: /etc/kubernetes/pki, type: DirectoryOrCreate} # fails
  - name: empty
    hostPath: {} # fails
`,
      paths: ['spec.volumes[0].hostPath', 'spec.volumes[1].hostPath'],
      messages: [/volume "certs" is a hostPath volume.*\(hostPathVolumes\)/],
    },
  ],
});
