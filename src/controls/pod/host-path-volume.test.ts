import { describe } from 'node:test';
import { testControl } from '../../testing/control-tester.js';
import { IMPOSTOR_COMMAND, KUBEADM_CONTROLLER_MANAGER, KUBEADM_ETCD, kubeadmApiserver } from '../../testing/control-plane-pods.js';
import control from './host-path-volume.js';

testControl(control, {
  valid: [
    {
      name: 'no volumes',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
    },
    {
      name: 'non-hostPath volumes, including one named like a host path',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    volumeMounts:
    - {name: cache, mountPath: /cache}
    - {name: config, mountPath: /etc/app, readOnly: true}
    - {name: data, mountPath: /data}
  volumes:
  - name: cache
    emptyDir: {}
  - name: config
    configMap: {name: app-config}
  - name: data
    persistentVolumeClaim: {claimName: data}
`,
    },
  ],
  invalid: [
    {
      name: 'runtime socket mounted writable',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    volumeMounts:
    - name: docker
      mountPath: /var/run/docker.sock
  volumes:
  - name: docker
    hostPath:
      path: /var/run/docker.sock # fails
      type: Socket
`,
      paths: ['spec.volumes[0].hostPath.path'],
      messages: [
        /hostPath volume "docker" exposes sensitive host path \/var\/run\/docker\.sock \(a container runtime socket\), mounted writable by container "a" at \/var\/run\/docker\.sock \(writable\)$/,
      ],
    },
    {
      name: 'non-sensitive path mounted read-only by every container that mounts it',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]
  initContainers:
  - name: i
    image: busybox:1.36
    volumeMounts: [{name: logs, mountPath: /in, readOnly: true}]
  volumes:
  - name: logs
    hostPath: {path: /var/log/app} # fails
`,
      paths: ['spec.volumes[0].hostPath.path'],
      messages: [
        /^hostPath volume "logs" exposes host path \/var\/log\/app, mounted read-only by container "a" at \/logs \(read-only\), init container "i" at \/in \(read-only\)$/,
      ],
    },
    {
      name: 'one writable mount among read-only ones makes it writable; readOnly false is writable',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    volumeMounts: [{name: etc, mountPath: /host-etc, readOnly: true}]
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    volumeMounts: [{name: etc, mountPath: /etc-rw, readOnly: false}]
  volumes:
  - name: etc
    hostPath: {path: /etc/}
`,
      paths: ['spec.volumes[0].hostPath.path'],
      messages: [/sensitive host path \/etc\/, mounted writable by container "a" at \/host-etc \(read-only\), ephemeral container "debug" at \/etc-rw \(writable\)/],
    },
    {
      name: 'one finding per hostPath volume; paths are normalised before the sensitivity check',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    volumeMounts:
    - {name: kube, mountPath: /k}
    - {name: pki, mountPath: /pki}
  volumes:
  - name: tmp
    emptyDir: {}
  - name: kube
    hostPath: {path: /var//lib/kubelet/pods/} # fails
  - name: pki
    hostPath: {path: '/etc/kubernetes//pki'} # fails
  - name: root
    hostPath: {path: /} # fails
  - name: proc
    hostPath: {path: /proc/sys/kernel} # fails
  - name: containerd
    hostPath: {path: /run/containerd/containerd.sock/} # fails
  - name: near-miss
    hostPath: {path: /etc-backup} # fails
`,
      paths: [
        'spec.volumes[1].hostPath.path',
        'spec.volumes[2].hostPath.path',
        'spec.volumes[3].hostPath.path',
        'spec.volumes[4].hostPath.path',
        'spec.volumes[5].hostPath.path',
        'spec.volumes[6].hostPath.path',
      ],
      messages: [
        /"kube" exposes sensitive host path \/var\/\/lib\/kubelet\/pods\/ \(under \/var\/lib\/kubelet\), mounted writable by container "a"/,
        /"pki" exposes sensitive host path \/etc\/kubernetes\/\/pki \(under \/etc\/kubernetes\)/,
        /"root" exposes sensitive host path \/, not mounted by any container/,
        /"proc" exposes sensitive host path \/proc\/sys\/kernel \(under \/proc\)/,
        /"containerd" exposes sensitive host path \/run\/containerd\/containerd\.sock\/ \(a container runtime socket\)/,
        /"near-miss" exposes host path \/etc-backup, not mounted/,
      ],
    },
  ],
});

describe('control host-path-volume on the control plane\'s own static pods', () => {
  const apiserverPaths = [0, 1, 2, 3, 4].map((i) => `spec.volumes[${i}].hostPath.path`);
  const withSocket = kubeadmApiserver()
    .replace('    - {mountPath: /etc/ssl/certs, name: ca-certs, readOnly: true}', '    - {mountPath: /etc/ssl/certs, name: ca-certs, readOnly: true}\n    - {mountPath: /var/run/docker.sock, name: docker}')
    .replace(/\n$/, '\n  - {hostPath: {path: /var/run/docker.sock}, name: docker}\n');
  testControl(control, {
    valid: [{ name: 'a mirror pod without hostPath volumes is evaluated and passes', yaml: KUBEADM_ETCD.replace(/ {2}volumes:[\s\S]*$/, ''), noWorkloadVariants: true }],
    invalid: [
      {
        name: 'kubeadm\'s kube-apiserver: its certificates and CA trust stores are excepted, Kubernetes built-in',
        yaml: kubeadmApiserver(), noWorkloadVariants: true, excepted: true, paths: apiserverPaths,
        messages: [
          /hostPath volume "k8s-certs" exposes sensitive host path \/etc\/kubernetes\/pki \(under \/etc\/kubernetes\), mounted read-only by container "kube-apiserver" at \/etc\/kubernetes\/pki \(read-only\): the kube-apiserver mirror pod of the control plane needs it \(kube-apiserver's --client-ca-file names \/etc\/kubernetes\/pki\/ca\.crt\)/,
          /"ca-certs" .*needs it \(kube-apiserver reads its CA trust store there\)/,
        ],
      },
      { name: 'kubeadm\'s etcd: its writable data directory and certificates are excepted', yaml: KUBEADM_ETCD, noWorkloadVariants: true, excepted: true, paths: ['spec.volumes[0].hostPath.path', 'spec.volumes[1].hostPath.path'] },
      {
        name: 'kubeadm\'s controller-manager: kubeconfig, certificates, CA store, flexvolume directory',
        yaml: KUBEADM_CONTROLLER_MANAGER, noWorkloadVariants: true, excepted: true, paths: [0, 1, 2, 3].map((i) => `spec.volumes[${i}].hostPath.path`),
      },
      {
        // one path the component does not need fails the pod: it is excepted only when all its paths are
        name: 'a runtime socket mounted into the apiserver fails, beside the excepted mounts',
        yaml: withSocket, noWorkloadVariants: true, paths: [...apiserverPaths, 'spec.volumes[5].hostPath.path'],
        messages: [/^hostPath volume "docker" exposes sensitive host path \/var\/run\/docker\.sock \(a container runtime socket\), mounted writable/],
      },
      { name: 'impostor: the apiserver\'s manifest outside a static pod directory fails', yaml: kubeadmApiserver({ mirror: false }), noWorkloadVariants: true, paths: apiserverPaths },
      { name: 'impostor: a shell in the apiserver\'s clothes fails', yaml: IMPOSTOR_COMMAND, noWorkloadVariants: true, paths: apiserverPaths },
    ],
  });
});
