// Which kind of input can give a control what it judges — the "coverage on manifests / cluster /
// node" of `palisade list frameworks`: the share of a framework's controls a scan of that input
// alone can evaluate (when the input holds what they judge). The rules follow what each source
// reads (src/sources/): files hold any manifest or configuration file scanned; a node scan informs
// the control-plane and kubelet sections (processes, flags, the files they name, file modes); a
// cluster serves objects, control-plane flags through its mirror pods and each kubelet's
// configuration through /configz, but neither file modes nor the configuration files the API
// server reads from its own disk.
import type { Control } from '../controls/define.js';
import { getControl } from '../controls/index.js';
import { frameworkControlIds, type Framework } from './index.js';

export type InputKind = 'manifests' | 'cluster' | 'node';
export const INPUT_KINDS: readonly InputKind[] = ['manifests', 'cluster', 'node'];

/** The sections a node scan informs (src/sources/node/source.ts). */
const NODE_SECTIONS = new Set(['control-plane', 'kubelet']);

/** Controls that judge a file the API server reads from its own disk: a cluster does not serve it. */
const HOST_CONFIG_FILES = new Set(['secrets-encryption-at-rest', 'audit-policy-coverage']);

/** A control of file modes and owners: only a node scan sees them. */
function judgesNodeFiles(c: Control): boolean {
  return /^needs a node scan\b/.test(c.nothingToEvaluate ?? '');
}

export function judgedFrom(c: Control): InputKind[] {
  if (judgesNodeFiles(c)) return ['node'];
  if (NODE_SECTIONS.has(c.section)) return HOST_CONFIG_FILES.has(c.id) ? ['manifests', 'node'] : ['manifests', 'cluster', 'node'];
  return ['manifests', 'cluster'];
}

/** Per kind of input, the percentage of the framework's controls it can judge. */
export function coverageByInput(fw: Framework): Record<InputKind, number> {
  const controls = frameworkControlIds(fw).map((id) => getControl(id)).filter((c): c is Control => c !== undefined);
  const out = {} as Record<InputKind, number>;
  for (const kind of INPUT_KINDS) {
    const n = controls.filter((c) => judgedFrom(c).includes(kind)).length;
    out[kind] = controls.length ? Math.round((1000 * n) / controls.length) / 10 : 0;
  }
  return out;
}
