import { describe } from 'node:test';
import { testControl } from '../../testing/control-tester.js';
import { IMPOSTOR_NAME_ONLY, KUBEADM_ETCD, kubeadmApiserver } from '../../testing/control-plane-pods.js';
import control from './probe-host.js';

testControl(control, {
  valid: [
    {
      name: 'probes and hooks without a host, an empty host, a null host; grpc, exec and sleep handlers',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /healthz, port: 80, httpHeaders: [{name: Host, value: example.com}]}
    readinessProbe:
      tcpSocket: {port: 80, host: ""}
    startupProbe:
      httpGet: {path: /, port: 80, host: null}
    lifecycle:
      postStart:
        exec: {command: [sh, -c, "echo started"]}
      preStop:
        sleep: {seconds: 5}
  - name: b
    image: example.com/grpc:1.0
    livenessProbe:
      grpc: {port: 9000, service: health}
  initContainers:
  - name: i
    image: busybox:1.36
`,
    },
  ],
  invalid: [
    {
      name: 'every probe and hook, httpGet and tcpSocket',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    livenessProbe:
      httpGet:
        host: 169.254.169.254 # fails
        port: 80
    readinessProbe:
      tcpSocket: {host: 10.0.0.1, port: 5432} # fails
    startupProbe:
      httpGet: {host: localhost, port: 10250} # fails
    lifecycle:
      postStart:
        httpGet: {host: internal.example.com, path: /hook, port: 80} # fails
      preStop:
        tcpSocket:
          host: 127.0.0.1 # fails
          port: 2379
`,
      paths: [
        'spec.containers[0].livenessProbe.httpGet.host',
        'spec.containers[0].readinessProbe.tcpSocket.host',
        'spec.containers[0].startupProbe.httpGet.host',
        'spec.containers[0].lifecycle.postStart.httpGet.host',
        'spec.containers[0].lifecycle.preStop.tcpSocket.host',
      ],
      messages: [
        /^container "a"'s livenessProbe sends the kubelet to host 169\.254\.169\.254 \(httpGet\.host\) instead of the pod's own IP$/,
        /container "a"'s lifecycle\.preStop sends the kubelet to host 127\.0\.0\.1 \(tcpSocket\.host\)/,
      ],
    },
    {
      name: 'init containers, and ephemeral ones as visitContainers visits them',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
  initContainers:
  - name: init
    image: busybox:1.36
    startupProbe:
      tcpSocket: {host: db.internal, port: 5432} # fails
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    readinessProbe:
      httpGet: {host: " ", port: 80} # fails
`,
      paths: ['spec.initContainers[0].startupProbe.tcpSocket.host', 'spec.ephemeralContainers[0].readinessProbe.httpGet.host'],
      messages: [/init container "init"'s startupProbe sends the kubelet to host db\.internal/],
    },
  ],
});

describe('control probe-host on the control plane\'s own static pods', () => {
  testControl(control, {
    valid: [{ name: 'a mirror pod without a probe host passes', yaml: kubeadmApiserver().replace('        host: 192.168.49.2\n', ''), noWorkloadVariants: true }],
    invalid: [
      {
        name: 'kubeadm\'s apiserver probes its advertise address: excepted, Kubernetes built-in',
        yaml: kubeadmApiserver(), noWorkloadVariants: true, excepted: true, paths: ['spec.containers[0].livenessProbe.httpGet.host'],
        messages: [/^container "kube-apiserver"'s livenessProbe probes host 192\.168\.49\.2 \(httpGet\.host\): the kube-apiserver mirror pod of the control plane/],
      },
      { name: 'kubeadm\'s etcd probes 127.0.0.1: excepted', yaml: KUBEADM_ETCD, noWorkloadVariants: true, excepted: true, paths: ['spec.containers[0].livenessProbe.httpGet.host'] },
      { name: 'impostor: the same probe on a manifest outside a static pod directory fails', yaml: kubeadmApiserver({ mirror: false }), noWorkloadVariants: true, paths: ['spec.containers[0].livenessProbe.httpGet.host'] },
      { name: 'impostor: a container only named like the component fails', yaml: IMPOSTOR_NAME_ONLY, noWorkloadVariants: true, paths: ['spec.containers[0].livenessProbe.httpGet.host'] },
    ],
  });
});
