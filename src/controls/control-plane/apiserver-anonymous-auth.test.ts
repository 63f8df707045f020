import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER, KUBEADM_APISERVER } from '../../testing/control-plane-fixtures.js';
import control from './apiserver-anonymous-auth.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';

testControl(control, {
  valid: [
    staticPod('kube-apiserver', HARDENED_APISERVER),
    { name: 'last occurrence wins', yaml: staticPod('kube-apiserver', ['--anonymous-auth=true', '--anonymous-auth=false']) },
    { name: '--flag value form', yaml: staticPod('kube-apiserver', ['--anonymous-auth=false', '--secure-port', '6443']) },
  ],
  invalid: [
    { name: 'kubeadm default: unset means true', yaml: staticPod('kube-apiserver', KUBEADM_APISERVER), paths: [CMD], lines: [12],
      messages: [/--anonymous-auth is unset \(default true\)/] },
    { name: 'explicitly true', yaml: staticPod('kube-apiserver', ['--anonymous-auth=true # fails']), paths: [`${CMD}[1]`] },
    { name: 'bare boolean flag means true', yaml: staticPod('kube-apiserver', ['--anonymous-auth']), paths: [`${CMD}[1]`] },
    { name: 'a boolean flag does not consume the next argument', yaml: staticPod('kube-apiserver', ['--anonymous-auth', 'false']), paths: [`${CMD}[1]`] },
    { name: 'false then true: last wins', yaml: staticPod('kube-apiserver', ['--anonymous-auth=false', '--anonymous-auth=true']), paths: [`${CMD}[2]`] },
    {
      name: 'kops: behind go-runner, in args', noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system}
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.33.0
    command: [/go-runner]
    args:
    - --log-file=/var/log/kube-apiserver.log
    - --also-stdout
    - /usr/local/bin/kube-apiserver
    - --anonymous-auth=true # fails
`,
      paths: ['spec.containers[0].args[3]'],
    },
  ],
  skipped: [{ yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n', reason: /no kube-apiserver in the input.*palisade scan --node/ }],
});
