// Template, not a control: one file of a node component judged on its mode or its owner, as the CIS Kubernetes Benchmark's file recommendations ask (1.1.x, 4.1.x). Used by the kubelet/*-mode and kubelet/*-owner controls.
import type { Inventory } from '../../inventory/index.js';
import { NODE_COMPONENT_KIND, type NodeComponentSpec, type NodeFile } from '../../model/node.js';
import type { Resource } from '../../model/types.js';
import type { CheckContext, ResourceTarget } from '../define.js';

export const NEEDS_NODE_SCAN = 'needs a node scan: file modes and owners are not in manifests. Run palisade scan --node on a node that runs Kubernetes components';

const specOf = (r: Resource): NodeComponentSpec | undefined => r.object.spec as NodeComponentSpec | undefined;

/** The files of a NodeComponent resource that `pick` selects, with their index in spec.files. */
function picked(r: Resource, component: string, pick: (f: NodeFile) => boolean): Array<[NodeFile, number]> {
  const spec = specOf(r);
  if (spec?.component !== component || !Array.isArray(spec.files)) return [];
  return spec.files.map((f, i): [NodeFile, number] => [f, i]).filter(([f]) => pick(f));
}

function nodeFileControl(component: string, pick: (f: NodeFile) => boolean, judge: (f: NodeFile, i: number, ctx: CheckContext) => void) {
  return {
    appliesTo: 'inventory' as const,
    // a component without that file (another distribution's layout) has nothing to judge here
    targets: (inventory: Inventory): Resource[] => inventory.ofKind(NODE_COMPONENT_KIND).filter((r) => picked(r, component, pick).length > 0),
    check: ({ resource }: ResourceTarget, ctx: CheckContext): void => {
      for (const [f, i] of picked(resource, component, pick)) if (f.mode !== undefined) judge(f, i, ctx);
    },
    nothingToEvaluate: NEEDS_NODE_SCAN,
  };
}

/**
 * "permissions are set to <max> or more restrictive": kube-bench's `bitmask` test (check/test.go):
 * the mode may hold no permission bit that `max` does not.
 */
export function fileMode(component: string, pick: (f: NodeFile) => boolean, max: number) {
  const want = max.toString(8);
  return nodeFileControl(component, pick, (f, i, ctx) => {
    const mode = parseInt(f.mode!, 8);
    if ((mode & 0o777 & ~max) === 0) return;
    ctx.fail(['spec', 'files', i, 'mode'], `${f.path} (${f.reason}) has mode ${f.mode}: want ${want} or more restrictive`, {
      fix: { description: `chmod ${want} ${f.path}` },
    });
  });
}

/** "ownership is set to root:root": kube-bench's `stat -c %U:%G` compared with root:root, i.e. uid 0 and gid 0. */
export function fileOwner(component: string, pick: (f: NodeFile) => boolean) {
  return nodeFileControl(component, pick, (f, i, ctx) => {
    if (f.uid !== undefined && f.uid !== 0) {
      ctx.fail(['spec', 'files', i, 'uid'], `${f.path} (${f.reason}) is owned by uid ${f.uid}, not root`, { fix: { description: `chown root:root ${f.path}` } });
    }
    if (f.gid !== undefined && f.gid !== 0) {
      ctx.fail(['spec', 'files', i, 'gid'], `${f.path} (${f.reason}) has group gid ${f.gid}, not root`, { fix: { description: `chown root:root ${f.path}` } });
    }
  });
}

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** Which file each CIS file recommendation is about. */
export const PICK = {
  manifest: (f: NodeFile) => f.role === 'manifest' && !f.directory,
  /** `--kubeconfig` of the component (the scheduler.conf, controller-manager.conf, the kubelet's kubelet.conf). */
  kubeconfigFlag: (f: NodeFile) => f.reason === '--kubeconfig',
  /** `--config` of the kubelet (its KubeletConfiguration file). */
  configFlag: (f: NodeFile) => f.reason === '--config',
  /** kubeadm's default administrative credentials: admin.conf, and super-admin.conf (1.29+). */
  adminConf: (f: NodeFile) => f.role === 'kubeconfig' && ['admin.conf', 'super-admin.conf'].includes(base(f.path)),
  dataDir: (f: NodeFile) => f.role === 'data-dir',
  /** Files of the PKI directory (/etc/kubernetes/pki, kubeadm's --cert-dir). */
  pki: (f: NodeFile) => f.path.startsWith('/etc/kubernetes/pki/'),
  /** The kubelet's systemd unit and its drop-ins (kubelet.service, kubelet.service.d/*.conf). */
  kubeletService: (f: NodeFile) => /\/kubelet\.service(\.d\/[^/]+\.conf)?$/.test(f.path),
};

/**
 * "ownership is set to <user>:<group>" by name (kube-bench: `stat -c %U:%G`), for an owner other than root.
 * Judged only where the node's /etc/passwd and /etc/group name the file's ids.
 */
export function fileOwnerNamed(component: string, pick: (f: NodeFile) => boolean, user: string, group: string) {
  const named = (f: NodeFile): boolean => pick(f) && f.user !== undefined && f.group !== undefined;
  return {
    ...nodeFileControl(component, named, (f, i, ctx) => {
      if (f.user === user && f.group === group) return;
      ctx.fail(['spec', 'files', i, f.user !== user ? 'uid' : 'gid'], `${f.path} (${f.reason}) is owned by ${f.user}:${f.group}, not ${user}:${group}`, {
        fix: { description: `chown ${user}:${group} ${f.path}` },
      });
    }),
    nothingToEvaluate: `${NEEDS_NODE_SCAN}; the owner is judged by name, from the node's /etc/passwd and /etc/group`,
  };
}
