import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runControl, testControl } from '../../testing/control-tester.js';
import control from './mac-profile-weakened.js';

testControl(control, {
  valid: [
    {
      name: 'nothing set (runtime defaults)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
  initContainers: [{name: i, image: busybox:1.36}]
  ephemeralContainers: [{name: d, image: busybox:1.36}]
`,
    },
    {
      name: 'RuntimeDefault and Localhost AppArmor, container SELinux types and a level',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    container.apparmor.security.beta.kubernetes.io/c: runtime/default
spec:
  securityContext:
    appArmorProfile: {type: RuntimeDefault}
    seLinuxOptions: {type: container_t, level: "s0:c1,c2"}
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      appArmorProfile: {type: Localhost, localhostProfile: k8s-web}
      seLinuxOptions: {type: container_kvm_t}
  - {name: c, image: nginx:1.27}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext:
      seLinuxOptions: {type: container_init_t}
  ephemeralContainers:
  - name: d
    image: busybox:1.36
    securityContext:
      seLinuxOptions: {type: container_engine_t, user: "", role: ""}
`,
    },
    {
      name: 'a container AppArmor profile overrides an Unconfined pod; empty SELinux type, user and role are unset',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    appArmorProfile: {type: Unconfined}
    seLinuxOptions: {type: "", user: "", role: "", level: "s0"}
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      appArmorProfile: {type: RuntimeDefault}
      seLinuxOptions: {level: "s0:c1,c2"}
`,
    },
    {
      name: 'the container annotation overrides an Unconfined pod field',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    container.apparmor.security.beta.kubernetes.io/a: runtime/default
spec:
  securityContext:
    appArmorProfile: {type: Unconfined}
  containers:
  - {name: a, image: nginx:1.27}
`,
    },
    {
      name: 'an unconfined annotation for another container name does not apply',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    container.apparmor.security.beta.kubernetes.io/gone: unconfined
spec:
  containers:
  - {name: a, image: nginx:1.27}
`,
    },
  ],
  invalid: [
    {
      name: 'container AppArmor Unconfined',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      appArmorProfile:
        type: Unconfined # fails
`,
      paths: ['spec.containers[0].securityContext.appArmorProfile.type'],
      messages: [/^container "a" runs without AppArmor confinement: appArmorProfile.type: Unconfined$/],
    },
    {
      name: 'pod AppArmor Unconfined is inherited',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    appArmorProfile:
      type: Unconfined # fails
  containers:
  - {name: a, image: nginx:1.27}
`,
      paths: ['spec.securityContext.appArmorProfile.type'],
      messages: [/container "a" runs without AppArmor confinement: appArmorProfile.type: Unconfined on the pod/],
    },
    {
      name: 'container Unconfined overrides pod RuntimeDefault',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    appArmorProfile: {type: RuntimeDefault}
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      appArmorProfile: {type: Unconfined} # fails
`,
      paths: ['spec.containers[0].securityContext.appArmorProfile.type'],
    },
    {
      name: 'legacy AppArmor annotation unconfined, for the container it names',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    container.apparmor.security.beta.kubernetes.io/a: runtime/default
    container.apparmor.security.beta.kubernetes.io/b: unconfined # fails
spec:
  containers:
  - {name: a, image: nginx:1.27}
  - {name: b, image: nginx:1.27}
`,
      paths: ['metadata.annotations["container.apparmor.security.beta.kubernetes.io/b"]'],
      messages: [/^container "b" runs without AppArmor confinement: annotation container.apparmor.security.beta.kubernetes.io\/b: unconfined$/],
    },
    {
      name: 'container SELinux type, user and role: one path each',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      seLinuxOptions:
        type: spc_t # fails
        user: system_u # fails
        role: system_r # fails
        level: s0
`,
      paths: [
        'spec.containers[0].securityContext.seLinuxOptions.type',
        'spec.containers[0].securityContext.seLinuxOptions.user',
        'spec.containers[0].securityContext.seLinuxOptions.role',
      ],
      messages: [
        /container "a" runs with the SELinux type spc_t \(seLinuxOptions.type\)/,
        /container "a" sets the SELinux user system_u \(seLinuxOptions.user\)/,
        /container "a" sets the SELinux role system_r \(seLinuxOptions.role\)/,
      ],
    },
    {
      name: 'pod SELinux options are inherited by containers without their own',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    seLinuxOptions:
      type: unconfined_t # fails
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      seLinuxOptions: {type: container_t}
  - {name: b, image: nginx:1.27}
`,
      paths: ['spec.securityContext.seLinuxOptions.type'],
      messages: [/^the pod runs with the SELinux type unconfined_t \(seLinuxOptions.type\), not a container type$/],
    },
    {
      name: 'the pod\'s and each container\'s seLinuxOptions are judged each on its own (check_seLinuxOptions.go)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    seLinuxOptions:
      type: spc_t # fails
      role: system_r # fails
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      seLinuxOptions: {user: system_u} # fails
  - name: b
    image: nginx:1.27
    securityContext:
      seLinuxOptions: {type: container_engine_t}
  initContainers:
  - name: i
    image: busybox:1.36
    securityContext:
      seLinuxOptions: {type: container_init_t, role: object_r} # fails
`,
      paths: [
        'spec.securityContext.seLinuxOptions.type', 'spec.securityContext.seLinuxOptions.role',
        'spec.containers[0].securityContext.seLinuxOptions.user', 'spec.initContainers[0].securityContext.seLinuxOptions.role',
      ],
      messages: [/^the pod sets the SELinux role system_r/, /^container "a" sets the SELinux user system_u/, /^init container "i" sets the SELinux role object_r/],
    },
    {
      // every container overrides it, yet Pod Security admission rejects the pod for it: judged the same
      name: 'a bad pod-level type fails even when every container sets its own',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    seLinuxOptions: {type: unconfined_t} # fails
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      seLinuxOptions: {type: container_t}
`,
      paths: ['spec.securityContext.seLinuxOptions.type'],
    },
    {
      name: 'AppArmor and SELinux problems together, on init and ephemeral containers',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    container.apparmor.security.beta.kubernetes.io/setup: unconfined # fails
spec:
  containers:
  - {name: a, image: nginx:1.27}
  initContainers:
  - {name: setup, image: busybox:1.36}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      appArmorProfile: {type: Unconfined} # fails
      seLinuxOptions: {type: spc_t} # fails
`,
      paths: [
        'metadata.annotations["container.apparmor.security.beta.kubernetes.io/setup"]',
        'spec.ephemeralContainers[0].securityContext.appArmorProfile.type',
        'spec.ephemeralContainers[0].securityContext.seLinuxOptions.type',
      ],
      messages: [/^init container "setup" runs without AppArmor/, /^ephemeral container "debug" runs without AppArmor/, /^ephemeral container "debug" runs with the SELinux type spc_t/],
    },
  ],
});

describe('control mac-profile-weakened fixes', () => {
  it('sets RuntimeDefault on an Unconfined field; SELinux fixes are descriptions only', () => {
    const r = runControl(control, `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      appArmorProfile: {type: Unconfined}
      seLinuxOptions: {role: system_r}
`);
    const [apparmor, selinux] = r.findings[0].paths;
    assert.deepEqual(apparmor.fix?.edits, [{ op: 'set', path: 'spec.containers[0].securityContext.appArmorProfile.type', value: 'RuntimeDefault' }]);
    assert.equal(selinux.fix?.edits, undefined);
    assert.match(selinux.fix!.description, /remove seLinuxOptions.role/);
  });

  it('replaces the legacy annotation with the container field', () => {
    const r = runControl(control, `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations: {container.apparmor.security.beta.kubernetes.io/a: unconfined}
spec:
  containers: [{name: a, image: nginx:1.27}]
`);
    assert.deepEqual(r.findings[0].fix?.edits, [
      { op: 'set', path: 'spec.containers[0].securityContext.appArmorProfile.type', value: 'RuntimeDefault' },
      { op: 'remove', path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]' },
    ]);
  });
});
