// A live cluster (`--cluster [--context NAME] [--kubeconfig FILE]`), as a Source. Kinds it could
// not read are `unreadable`, so the controls that need them are skipped with the reason; a
// kubelet configuration denied for every node makes the kubelet controls skip the same way, one
// node's failure (`name` set) does not.
import type { Source, SourceResult } from '../source.js';
import { readCluster, type ReadClusterOptions } from './read.js';

export function clusterSource(options: ReadClusterOptions): Source {
  return {
    name: '--cluster',
    async read(): Promise<SourceResult> {
      const r = await readCluster(options);
      const folded = Object.entries(r.folded).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${kind}(s)`);
      const version = r.cluster.version ? ` (Kubernetes ${r.cluster.version})` : '';
      return {
        resources: r.resources, ignored: r.ignored, errors: r.errors, documents: r.documents, targets: r.targets,
        warnings: r.warnings.map((w) => `--cluster: ${w}`),
        notes: [
          `--cluster: read ${r.resources.length} object(s) from context "${r.cluster.context}"${version}`
            + (folded.length ? `; ${folded.join(', ')} judged through their owners` : ''),
        ],
        unreadable: r.unreadable,
        skipNote: {
          sections: ['control-plane'],
          note: '--cluster: the control plane is judged from its mirror Pods in kube-system, which managed control planes (EKS, GKE, AKS) do not show',
        },
      };
    },
  };
}
