import { defineControl } from '../define.js';
import { NODE_COMPONENT_KIND, type NodeFile } from '../../model/node.js';

/** Role → bits that must be clear, and how to say it. */
const RULES: Record<NodeFile['role'], { mask: number; want: string }> = {
  key: { mask: 0o077, want: '600 or stricter (no access for group and others)' },
  kubeconfig: { mask: 0o077, want: '600 or stricter (it holds credentials)' },
  cert: { mask: 0o022, want: 'not writable by group or others (644 or stricter)' },
  config: { mask: 0o022, want: 'not writable by group or others (644 or stricter)' },
  manifest: { mask: 0o022, want: 'not writable by group or others (644 or stricter)' },
  'data-dir': { mask: 0o077, want: '700' },
};

export default defineControl({
  id: 'node-file-permissions',
  aliases: [
    'C-0092', 'C-0093', 'C-0094', 'C-0095', 'C-0096', 'C-0097', 'C-0098', 'C-0099', 'C-0100', 'C-0101', 'C-0102',
    'C-0103', 'C-0104', 'C-0105', 'C-0106', 'C-0107', 'C-0108', 'C-0109', 'C-0110', 'C-0111', 'C-0112',
    'C-0162', 'C-0163', 'C-0164', 'C-0165', 'C-0166', 'C-0167', 'C-0168', 'C-0169', 'C-0170', 'C-0171',
    'C-0235', 'C-0238',
  ],
  title: 'Kubernetes files on the node are too open',
  severity: 'medium',
  section: 'kubelet',
  appliesTo: { kinds: [NODE_COMPONENT_KIND] },
  failsWhen: '(node scan) a control-plane manifest, kubeconfig, kubelet config, CA or PKI key file is writable by group/other '
    + '(keys and kubeconfigs: readable), or not owned by root; the etcd data directory is not 700.',
  rationale:
    'Whoever can write a static pod manifest, a kubelet config or a CA file controls the node or the cluster; '
    + 'whoever can read a private key or a kubeconfig holds its identity. The guidance asks that these files be '
    + 'owned by root and closed to other users.',
  remediation: 'chown root:root and chmod 600 the keys, kubeconfigs and encryption config; chmod 644 (or 600) the manifests, configs and certificates; chmod 700 the etcd data directory.',
  nothingToEvaluate: 'needs a node scan: file modes and owners are not in manifests. Run palisade scan --node on a node that runs Kubernetes components',
  check({ resource }, ctx) {
    const files: unknown = (resource.object.spec as { files?: unknown } | undefined)?.files;
    if (!Array.isArray(files)) return;
    files.forEach((f: NodeFile, i) => {
      if (f.mode === undefined) return; // not examined: reported as an input error by the node source
      const mode = parseInt(f.mode, 8);
      const rule = RULES[f.role];
      if (mode & rule.mask) {
        ctx.fail(['spec', 'files', i, 'mode'], `${f.path} (${f.reason}) has mode ${f.mode}: want ${rule.want}`, {
          fix: { description: `chmod ${f.role === 'data-dir' ? '700' : rule.mask === 0o077 ? '600' : '644'} ${f.path}` },
        });
      }
      if (f.role !== 'data-dir' && f.uid !== undefined && f.uid !== 0) {
        ctx.fail(['spec', 'files', i, 'uid'], `${f.path} (${f.reason}) is owned by uid ${f.uid}, not root`, {
          fix: { description: `chown root:root ${f.path}` },
        });
      }
    });
  },
});
