import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runControl, testControl } from '../../testing/control-tester.js';
import control from './seccomp-profile.js';

testControl(control, {
  valid: [
    {
      name: 'a Windows pod (spec.os.name: windows): a Linux-only setting does not apply',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: win, namespace: app}
spec:
  os: {name: windows}
  containers:
  - name: iis
    image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
`,
    },
    {
      name: 'RuntimeDefault on the pod covers every container type',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers: [{name: a, image: nginx:1.27}]
  initContainers: [{name: i, image: busybox:1.36}]
  ephemeralContainers: [{name: d, image: busybox:1.36}]
`,
    },
    {
      name: 'Localhost on the container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      seccompProfile: {type: Localhost, localhostProfile: profiles/web.json}
`,
    },
    {
      name: 'container RuntimeDefault overrides pod Unconfined',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    seccompProfile: {type: Unconfined}
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      seccompProfile: {type: RuntimeDefault}
`,
    },
    {
      name: 'legacy annotations: runtime/default, docker/default and localhost/<x> pass',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
    container.seccomp.security.alpha.kubernetes.io/b: docker/default
    container.seccomp.security.alpha.kubernetes.io/c: localhost/profiles/c.json
spec:
  containers:
  - {name: a, image: nginx:1.27}
  - {name: b, image: nginx:1.27}
  - {name: c, image: nginx:1.27}
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
    container.seccomp.security.alpha.kubernetes.io/a: runtime/default
spec:
  securityContext:
    seccompProfile: {type: Unconfined}
  containers:
  - {name: a, image: nginx:1.27}
`,
    },
    {
      name: 'the container field wins over an unconfined container annotation',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    container.seccomp.security.alpha.kubernetes.io/a: unconfined
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      seccompProfile: {type: RuntimeDefault}
`,
    },
    {
      name: 'the pod field wins over an unconfined pod annotation',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers:
  - {name: a, image: nginx:1.27}
`,
    },
  ],
  invalid: [
    {
      name: 'unset everywhere: points where the container field would go',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a # fails
    image: nginx:1.27
`,
      paths: ['spec.containers[0].securityContext.seccompProfile'],
      messages: [/container "a" has no seccomp profile: neither it nor the pod sets seccompProfile/],
    },
    {
      name: 'container Unconfined overrides pod RuntimeDefault',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      seccompProfile:
        type: Unconfined # fails
`,
      paths: ['spec.containers[0].securityContext.seccompProfile.type'],
      messages: [/container "a" runs with seccomp disabled: seccompProfile.type: Unconfined$/],
    },
    {
      name: 'pod Unconfined is reported for each container that inherits it',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    seccompProfile:
      type: Unconfined # fails
  containers:
  - {name: a, image: nginx:1.27}
  - name: b
    image: nginx:1.27
    securityContext:
      seccompProfile: {type: RuntimeDefault}
  initContainers:
  - {name: setup, image: busybox:1.36}
`,
      paths: ['spec.securityContext.seccompProfile.type', 'spec.securityContext.seccompProfile.type'],
      messages: [/^container "a" runs with seccomp disabled: seccompProfile.type: Unconfined on the pod/, /^init container "setup" runs with seccomp disabled/],
    },
    {
      name: 'legacy pod annotation unconfined points at the annotation',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined # fails
spec:
  containers:
  - {name: a, image: nginx:1.27}
`,
      paths: ['metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]'],
      messages: [/container "a" runs with seccomp disabled: annotation seccomp.security.alpha.kubernetes.io\/pod: unconfined on the pod/],
    },
    {
      name: 'legacy container annotation unconfined overrides a RuntimeDefault pod field',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    container.seccomp.security.alpha.kubernetes.io/b: unconfined # fails
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers:
  - {name: a, image: nginx:1.27}
  - {name: b, image: nginx:1.27}
`,
      paths: ['metadata.annotations["container.seccomp.security.alpha.kubernetes.io/b"]'],
      messages: [/^container "b" runs with seccomp disabled: annotation container.seccomp.security.alpha.kubernetes.io\/b: unconfined$/],
    },
    {
      name: 'a pod field Unconfined wins over a runtime/default pod annotation',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
spec:
  securityContext:
    seccompProfile: {type: Unconfined} # fails
  containers:
  - {name: a, image: nginx:1.27}
`,
      paths: ['spec.securityContext.seccompProfile.type'],
    },
    {
      name: 'init and ephemeral containers count',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      seccompProfile: {type: RuntimeDefault}
  initContainers:
  - name: setup # fails
    image: busybox:1.36
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      seccompProfile: {type: Unconfined} # fails
`,
      paths: ['spec.initContainers[0].securityContext.seccompProfile', 'spec.ephemeralContainers[0].securityContext.seccompProfile.type'],
      messages: [/init container "setup" has no seccomp profile/, /ephemeral container "debug" runs with seccomp disabled/],
    },
    {
      name: 'an unknown annotation value is not a profile',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: "localhost/"
spec:
  containers:
  - {name: a, image: nginx:1.27}
`,
      paths: ['metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]'],
      messages: [/has no valid seccomp profile/],
    },
  ],
});

describe('control seccomp-profile fixes', () => {
  it('sets RuntimeDefault where the container field goes when nothing is set', () => {
    const r = runControl(control, `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers: [{name: a, image: nginx:1.27}]
`);
    assert.deepEqual(r.findings[0].fix?.edits, [{ op: 'set', path: 'spec.containers[0].securityContext.seccompProfile.type', value: 'RuntimeDefault' }]);
  });

  it('replaces a pod-level annotation with the pod-level field', () => {
    const r = runControl(control, `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined}
spec:
  containers: [{name: a, image: nginx:1.27}]
`);
    assert.deepEqual(r.findings[0].fix?.edits, [
      { op: 'set', path: 'spec.securityContext.seccompProfile.type', value: 'RuntimeDefault' },
      { op: 'remove', path: 'metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]' },
    ]);
    assert.match(r.findings[0].fix!.description, /remove the deprecated annotation/);
  });
});
