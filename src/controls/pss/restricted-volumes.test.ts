import { testControl } from '../../testing/control-tester.js';
import control from './restricted-volumes.js';

testControl(control, {
  valid: [
    {
      name: 'the eight allowed types, and a volume with no source (defaulted to emptyDir)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
  volumes:
  - {name: a, configMap: {name: c}}
  - {name: b, csi: {driver: x}}
  - {name: c, downwardAPI: {items: []}}
  - {name: d, emptyDir: {}}
  - {name: e, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}}}
  - {name: f, persistentVolumeClaim: {claimName: data}}
  - {name: g, projected: {sources: []}}
  - {name: h, secret: {secretName: s}}
  - {name: i}
`,
    },
  ],
  invalid: [
    {
      name: 'hostPath, nfs, gitRepo, image and an unknown type, at any version',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
  volumes:
  - name: h
    hostPath: {path: /var/run} # fails
  - name: nf
    nfs: {server: nfs.example, path: /x} # fails
  - name: g
    gitRepo: {repository: "https://example.com/r.git"} # fails
  - name: i
    image: {reference: "quay.io/x/y:1"} # fails
  - name: u
    madeUp: {} # fails
`,
      inputs: { pssVersion: 'v1.0' },
      paths: ['spec.volumes[0].hostPath', 'spec.volumes[1].nfs', 'spec.volumes[2].gitRepo', 'spec.volumes[3].image', 'spec.volumes[4].madeUp'],
      messages: [/volume "nf" is a nfs volume: the restricted Pod Security Standard allows/],
    },
  ],
});
