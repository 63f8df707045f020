import { posix } from 'node:path';
import { defineControl } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import { isObj } from '../../model/guards.js';
import { builtInComponents, describeBuiltIn, neededHostPath } from '../../inventory/static-pods.js';
import { BUILT_IN_REASON } from '../templates/grants.js';

/** Container runtime sockets: whoever can write to one controls every container on the node. */
const RUNTIME_SOCKETS: ReadonlySet<string> = new Set([
  '/var/run/docker.sock', '/run/docker.sock',
  '/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock', '/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock', '/run/cri-dockerd.sock',
]);

/** Host paths that are sensitive themselves. */
const SENSITIVE_PATHS: ReadonlySet<string> = new Set([
  '/', '/etc', '/proc', '/sys', '/boot', '/root', '/var/lib/kubelet', '/var/lib/etcd', '/etc/kubernetes',
  '/var/run', '/run',
]);

/** Host paths whose whole subtree is sensitive. */
const SENSITIVE_TREES: readonly string[] = ['/etc/kubernetes', '/var/lib/kubelet', '/var/lib/etcd', '/proc', '/sys'];

/** `/etc//kubernetes/` → `/etc/kubernetes`; `..` and `.` are resolved too. */
function normaliseHostPath(p: string): string {
  const n = posix.normalize(p);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

/** Why a host path is sensitive, or undefined when it is not one of the known sensitive paths. */
function hostPathSensitivity(p: string): string | undefined {
  const n = normaliseHostPath(p);
  if (RUNTIME_SOCKETS.has(n)) return 'a container runtime socket';
  if (SENSITIVE_PATHS.has(n)) return 'sensitive';
  const tree = SENSITIVE_TREES.find((t) => n.startsWith(`${t}/`));
  return tree ? `under ${tree}` : undefined;
}

export default defineControl({
  id: 'host-path-volume',
  aliases: ['C-0048', 'C-0045', 'C-0074'],
  title: 'Pod mounts a hostPath volume',
  severity: 'high',
  section: 'pod-security',
  appliesTo: 'pods',
  failsWhen:
    'the pod declares a hostPath volume. On the control plane\'s own static pods (see host-network) a volume the component '
    + 'needs — a CA trust store mounted read-only, or a path its own flags name: its certificates, kubeconfig, etcd\'s data '
    + 'directory — is reported as excepted, "Kubernetes built-in"; any other hostPath on them still fails.',
  rationale:
    'A hostPath volume puts part of the node\'s file system inside the container. Mounted writable, it lets a '
    + 'compromised container plant files the node will execute or trust; on a sensitive path such as /etc, '
    + '/var/lib/kubelet or /etc/kubernetes it exposes node and cluster credentials, and a container runtime socket '
    + 'such as /var/run/docker.sock hands over every container on the node, which is a full container escape. The '
    + 'guidance lists hostPath volumes among the pod settings that break container isolation and asks that pod '
    + 'security enforcement forbid them, or at least restrict them to read-only mounts of specific paths.',
  remediation:
    'Replace the hostPath volume with a ConfigMap, Secret, emptyDir, projected or PersistentVolumeClaim volume. '
    + 'Where a node agent truly needs host files, narrow the path to the least it needs, mount it with readOnly: true, '
    + 'never mount a container runtime socket, and run such agents in a dedicated, tightly controlled namespace.',
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
    volumeMounts:
    - name: docker
      mountPath: /var/run/docker.sock
  volumes:
  - name: docker
    hostPath:
      path: /var/run/docker.sock
      type: Socket
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
    volumeMounts:
    - name: cache
      mountPath: /var/cache/nginx
  volumes:
  - name: cache
    emptyDir: {}
`,
  },
  check({ resource, pod }, ctx) {
    const volumes: unknown = pod.spec.volumes;
    if (!Array.isArray(volumes)) return;
    let builtIn: ReturnType<typeof builtInComponents> | undefined; // looked up at the first hostPath volume
    volumes.forEach((volume, i) => {
      if (!isObj(volume) || !isObj(volume.hostPath)) return;
      const name = typeof volume.name === 'string' ? volume.name : `#${i}`;
      const hostPath = typeof volume.hostPath.path === 'string' ? volume.hostPath.path : undefined;

      const mounts: string[] = [];
      let writable = false;
      for (const c of pod.containers) {
        const list: unknown = c.spec.volumeMounts;
        if (!Array.isArray(list)) continue;
        for (const m of list) {
          if (!isObj(m) || m.name !== volume.name) continue;
          const ro = m.readOnly === true;
          if (!ro) writable = true;
          mounts.push(`${describeContainer(c)} at ${typeof m.mountPath === 'string' ? m.mountPath : '(no mountPath)'} (${ro ? 'read-only' : 'writable'})`);
        }
      }

      const sensitivity = hostPath === undefined ? undefined : hostPathSensitivity(hostPath);
      const what = hostPath === undefined
        ? 'a host path (no path set)'
        : sensitivity === undefined
          ? `host path ${hostPath}`
          : `sensitive host path ${hostPath}${sensitivity === 'sensitive' ? '' : ` (${sensitivity})`}`;
      const how = mounts.length === 0
        ? 'not mounted by any container'
        : `mounted ${writable ? 'writable' : 'read-only'} by ${mounts.join(', ')}`;
      const path = [...pod.specPath, 'volumes', i, 'hostPath', 'path'];
      const message = `hostPath volume "${name}" exposes ${what}, ${how}`;
      builtIn ??= builtInComponents(ctx.inventory, resource, pod);
      const needed = builtIn.length && hostPath !== undefined ? neededHostPath(builtIn, pod, volume.name, hostPath) : undefined;
      if (needed) {
        ctx.fail(path, `${message}: the ${describeBuiltIn(builtIn)} of the control plane needs it (${needed})`, { exceptedBy: BUILT_IN_REASON });
        return;
      }
      ctx.fail(path, message, {
        fix: {
          description: writable
            ? 'replace the hostPath volume with a ConfigMap, Secret, emptyDir or PersistentVolumeClaim volume, or mount it with readOnly: true'
            : 'replace the hostPath volume with a ConfigMap, Secret, emptyDir or PersistentVolumeClaim volume',
        },
      });
    });
  },
});
