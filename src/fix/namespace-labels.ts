// The Pod Security Admission labels `palisade fix` gives a namespace, once the other fixes are
// made: `enforce: restricted` when every workload of the namespace in the input passes restricted,
// else `enforce: baseline` (with `warn` and `audit: restricted` to show what stands in the way),
// else only `warn` and `audit: restricted`, which reject nothing. Enforcing is a review fix (pods
// that do not meet the level, including ones deployed from elsewhere, would be rejected); the
// warn and audit labels alone are safe.
import type { FixEdit } from '../model/types.js';
import { formatPath } from '../model/paths.js';
import type { PlannedFix } from './file.js';
import { decideLevel, type Level, type WorkloadVerdict } from './pod-security.js';

const PREFIX = 'pod-security.kubernetes.io/';

export interface NamespaceLabels {
  namespace: string;
  /** The fix with its edits, description and safety for the level chosen; no edits when nothing is left to set. */
  fix: PlannedFix;
  enforce?: Level;
  /** "enforce baseline (2 workloads would be rejected at restricted: web (runAsNonRoot), …)" */
  summary: string;
}

/**
 * The labels for the namespace of `planned` (a pod-security-admission fix), given the verdicts on
 * the workloads as the other fixes leave them.
 */
export function namespaceLabels(planned: PlannedFix, byNamespace: ReadonlyMap<string, readonly WorkloadVerdict[]>): NamespaceLabels {
  const namespace = planned.resource.name;
  const decision = decideLevel(byNamespace.get(namespace) ?? []);
  const labels = planned.resource.object.metadata.labels;
  const has = (key: string) => typeof labels === 'object' && labels !== null && Object.hasOwn(labels, PREFIX + key);
  const path = (key: string) => formatPath(['metadata', 'labels', PREFIX + key]);

  const edits: FixEdit[] = [];
  if (decision.enforce) edits.push({ op: 'set', path: path('enforce'), value: decision.enforce });
  // warn and audit at restricted name what stands between the namespace and restricted, rejecting
  // nothing; a value the user chose is kept
  if (decision.enforce !== 'restricted') {
    for (const mode of ['warn', 'audit']) if (!has(mode)) edits.push({ op: 'set', path: path(mode), value: 'restricted' });
  }
  const base = { ...planned, edits };
  delete base.reviewReason;
  if (decision.enforce) {
    const rest = decision.enforce === 'baseline' && edits.length > 1 ? ', and warn and audit: restricted' : '';
    return {
      namespace,
      enforce: decision.enforce,
      summary: `enforce ${decision.enforce} (${decision.why})`,
      fix: {
        ...base,
        description: `label the namespace ${PREFIX}enforce: ${decision.enforce}${rest}`,
        safety: 'review',
        reviewReason: `Pod Security Admission would reject new pods in the namespace that do not meet ${decision.enforce}; `
          + 'the workloads in these files meet it after the fixes, others deployed there may not',
      },
    };
  }
  return {
    namespace,
    summary: `warn and audit restricted only, nothing enforced (${decision.why}); bring them up to baseline and run fix again`,
    fix: {
      ...base,
      description: edits.length
        ? `label the namespace ${PREFIX}warn and audit: restricted (they reject nothing); no enforce label: its workloads would be rejected at baseline`
        : 'no enforce label: its workloads would be rejected at baseline (the warn and audit labels are already set)',
      safety: 'safe',
    },
  };
}
