import { testControl } from '../../testing/control-tester.js';
import control from './host-probes-lifecycle.js';

const PROBE = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    livenessProbe:
      httpGet: {host: 169.254.169.254, path: /, port: 80}
`;

testControl(control, {
  valid: [
    {
      name: 'probes and hooks without a host, or with an empty one',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    livenessProbe: {httpGet: {path: /healthz, port: 80}}
    readinessProbe: {tcpSocket: {port: 80, host: ""}}
    lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}
`,
    },
  ],
  invalid: [
    {
      name: 'every probe and hook, httpGet and tcpSocket, in an init container too',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    livenessProbe:
      httpGet: {host: 10.0.0.1, port: 80} # fails
    readinessProbe:
      tcpSocket: {host: db.internal, port: 5432} # fails
    startupProbe:
      httpGet: {host: localhost, port: 8080} # fails
    lifecycle:
      postStart:
        httpGet: {host: 10.0.0.2, port: 80} # fails
      preStop:
        tcpSocket: {host: 10.0.0.3, port: 80} # fails
  initContainers:
  - name: i
    image: busybox:1.36
    restartPolicy: Always
    readinessProbe:
      httpGet: {host: 169.254.169.254, port: 80} # fails
`,
      paths: [
        'spec.containers[0].livenessProbe.httpGet.host',
        'spec.containers[0].readinessProbe.tcpSocket.host',
        'spec.containers[0].startupProbe.httpGet.host',
        'spec.containers[0].lifecycle.postStart.httpGet.host',
        'spec.containers[0].lifecycle.preStop.tcpSocket.host',
        'spec.initContainers[0].readinessProbe.httpGet.host',
      ],
      messages: [/livenessProbe httpGet sets host "10.0.0.1".*\(hostProbesAndhostLifecycle\)/],
    },
    {
      name: 'at v1.34 exactly',
      yaml: PROBE.replace('port: 80}', 'port: 80} # fails'),
      inputs: { pssVersion: 'v1.34' },
      paths: ['spec.containers[0].livenessProbe.httpGet.host'],
    },
  ],
  skipped: [
    { name: 'before v1.34 the check does not exist', yaml: PROBE, inputs: { pssVersion: 'v1.33' }, reason: /no hostProbesAndhostLifecycle check before v1\.34 \(judging at v1\.33\)/ },
  ],
});
