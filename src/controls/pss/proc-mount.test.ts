import { testControl } from '../../testing/control-tester.js';
import control from './proc-mount.js';

const USERNS_UNMASKED = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostUsers: false
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      procMount: Unmasked
`;

testControl(control, {
  valid: [
    `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {procMount: Default}
  - name: b
    image: nginx:1.27
`,
    { name: 'Unmasked in a user namespace from v1.30', yaml: USERNS_UNMASKED, inputs: { pssVersion: 'v1.30' } },
    { name: 'Unmasked in a user namespace at the newest version', yaml: USERNS_UNMASKED },
  ],
  invalid: [
    {
      name: 'Unmasked in a user namespace before v1.30',
      yaml: USERNS_UNMASKED.replace('procMount: Unmasked', 'procMount: Unmasked # fails'),
      inputs: { pssVersion: 'v1.29' },
      paths: ['spec.containers[0].securityContext.procMount'],
    },
    {
      name: 'Unmasked with host users (hostUsers true or unset), init and ephemeral containers too',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  hostUsers: true
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      procMount: Unmasked # fails
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext: {procMount: Unmasked} # fails
  ephemeralContainers:
  - name: e
    image: busybox:1.36
    securityContext: {procMount: default} # fails
`,
      paths: [
        'spec.containers[0].securityContext.procMount',
        'spec.initContainers[0].securityContext.procMount',
        'spec.ephemeralContainers[0].securityContext.procMount',
      ],
      messages: [/allows only Default outside a user namespace \(procMount\)/],
    },
  ],
});
