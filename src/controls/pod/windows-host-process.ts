import { defineControl, setFix } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { containerSecurityContext, podSecurityContext } from '../../inventory/security-context.js';

function hostProcessOf(securityContext: Record<string, any>): unknown {
  const w: unknown = securityContext.windowsOptions;
  return typeof w === 'object' && w !== null && !Array.isArray(w) ? (w as Record<string, unknown>).hostProcess : undefined;
}

const HOST_PROCESS_WANTED = { review: 'the pod asks to run as a Windows host process: a node agent needs the host access that gives' };

export default defineControl({
  id: 'windows-host-process',
  aliases: ['C-0202'],
  title: 'Windows HostProcess container',
  severity: 'high',
  section: 'pod-security',
  appliesTo: 'pods',
  failsWhen: 'securityContext.windowsOptions.hostProcess is true at pod or container level.',
  rationale:
    'A Windows HostProcess container runs directly on the Windows node as a host process, in the host network '
    + 'namespace and with access to the node\'s filesystem, and can run as SYSTEM: it is the Windows equivalent of a '
    + 'privileged container and offers no isolation from the node. The NSA/CISA Kubernetes Hardening Guidance asks '
    + 'that containers not run privileged or with host access, which the baseline Pod Security Standard enforces by '
    + 'forbidding hostProcess.',
  remediation:
    'Remove windowsOptions.hostProcess (or set it to false) from the pod and container security contexts; run '
    + 'node-management tooling that truly needs it only in a dedicated, tightly controlled namespace.',
  example: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: agent
  namespace: monitoring
spec:
  nodeSelector:
    kubernetes.io/os: windows
  hostNetwork: true
  securityContext:
    windowsOptions:
      hostProcess: true
      runAsUserName: "NT AUTHORITY\\\\Local service"
  containers:
  - name: agent
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
    passing: `apiVersion: v1
kind: Pod
metadata:
  name: agent
  namespace: monitoring
spec:
  nodeSelector:
    kubernetes.io/os: windows
  containers:
  - name: agent
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
  },
  check({ pod }, ctx) {
    if (hostProcessOf(podSecurityContext(pod)) === true) {
      const path = [...pod.specPath, 'securityContext', 'windowsOptions', 'hostProcess'];
      ctx.fail(path, 'the pod runs its containers as Windows host processes (windowsOptions.hostProcess: true on the pod)', {
        fix: setFix('set windowsOptions.hostProcess: false', path, false, HOST_PROCESS_WANTED),
      });
    }
    for (const c of pod.containers) {
      if (hostProcessOf(containerSecurityContext(c)) !== true) continue;
      const path = [...c.path, 'securityContext', 'windowsOptions', 'hostProcess'];
      ctx.fail(path, `${describeContainer(c)} runs as a Windows host process (windowsOptions.hostProcess: true)`, {
        fix: setFix('set windowsOptions.hostProcess: false', path, false, HOST_PROCESS_WANTED),
      });
    }
  },
});
