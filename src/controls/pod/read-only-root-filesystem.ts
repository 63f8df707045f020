import { defineControl, setFix } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSecurityContext } from '../../inventory/security-context.js';

export default defineControl({
  id: 'read-only-root-filesystem',
  aliases: ['C-0017'],
  title: 'Container root filesystem is writable',
  severity: 'low',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen: 'a container\'s securityContext.readOnlyRootFilesystem is not true.',
  rationale:
    'A writable root filesystem lets an attacker who gains code execution in a container download tools, drop '
    + 'malware or modify the application\'s own binaries and configuration. The NSA/CISA Kubernetes Hardening Guidance '
    + 'recommends running containers with immutable (read-only) root filesystems where possible, and mounting '
    + 'writable volumes such as emptyDir only at the specific paths the application must write to.',
  remediation:
    'Set securityContext.readOnlyRootFilesystem: true on each container, and mount an emptyDir volume at any path '
    + 'the application needs to write (for example /tmp or a cache directory).',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx:1.27
`,
    passing: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      readOnlyRootFilesystem: true
    volumeMounts:
    - name: tmp
      mountPath: /tmp
  volumes:
  - name: tmp
    emptyDir: {}
`,
  },
  check({ container }, ctx) {
    const value: unknown = containerSecurityContext(container).readOnlyRootFilesystem;
    if (value === true) return;
    const path = [...container.path, 'securityContext', 'readOnlyRootFilesystem'];
    const detail = value === undefined || value === null ? 'readOnlyRootFilesystem is not set' : `readOnlyRootFilesystem is ${JSON.stringify(value)}`;
    ctx.fail(path, `${describeContainer(container)} has a writable root filesystem: ${detail}`, {
      fix: setFix('set readOnlyRootFilesystem: true', path, true, {
        review: 'the application may write to its root filesystem: mount an emptyDir where it writes',
      }),
    });
  },
});
