import { testControl } from '../../testing/control-tester.js';
import control from './selinux-options.js';

const ENGINE = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    seLinuxOptions: {type: container_engine_t}
  containers: [{name: a, image: nginx:1.27}]
`;

testControl(control, {
  valid: [
    {
      name: 'allowed types, a level, and empty user and role',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    seLinuxOptions: {type: container_t, level: "s0:c123,c456", user: "", role: ""}
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {seLinuxOptions: {type: container_init_t}}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext: {seLinuxOptions: {type: container_kvm_t}}
`,
    },
    { name: 'container_engine_t from v1.31', yaml: ENGINE, inputs: { pssVersion: 'v1.31' } },
    { name: 'container_engine_t at the default (newest) version', yaml: ENGINE },
  ],
  invalid: [
    {
      name: 'container_engine_t before v1.31',
      yaml: ENGINE.replace('{type: container_engine_t}', '{type: container_engine_t} # fails'),
      inputs: { pssVersion: 'v1.30' },
      paths: ['spec.securityContext.seLinuxOptions.type'],
      messages: [/"container_engine_t".*\(seLinuxOptions, v1\.30\)/],
    },
    {
      name: 'a custom type, a user and a role, in an ephemeral container too',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    seLinuxOptions:
      type: spc_t # fails
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      seLinuxOptions:
        user: system_u # fails
        role: system_r # fails
  ephemeralContainers:
  - name: e
    image: busybox:1.36
    securityContext: {seLinuxOptions: {type: unconfined_t}} # fails
`,
      paths: [
        'spec.securityContext.seLinuxOptions.type',
        'spec.containers[0].securityContext.seLinuxOptions.user',
        'spec.containers[0].securityContext.seLinuxOptions.role',
        'spec.ephemeralContainers[0].securityContext.seLinuxOptions.type',
      ],
    },
  ],
});
