// Controls that cannot be judged because a source could not read what they need: a cluster that
// answers 403 for RoleBindings leaves the RBAC controls without their input, and judging them
// anyway would pass every binding it did not see. Such a control is skipped with the reason, so
// coverage shows the gap (and --min-coverage gates on it).
import { WORKLOAD_KINDS } from '../model/kinds.js';
import type { UnreadableKind } from '../model/types.js';
import type { Control } from '../controls/define.js';

/** The unreadable kind that keeps this control from being judged, if any. */
export function lackingKind(control: Control, unreadable: ReadonlyMap<string, UnreadableKind>): UnreadableKind | undefined {
  if (unreadable.size === 0) return undefined;
  for (const kind of control.reads ?? []) {
    const u = unreadable.get(kind);
    if (u) return u;
  }
  // when every kind it judges is unreadable, it has nothing to judge: say why, not "nothing in the input"
  const judged = judgedKinds(control);
  if (judged.length && judged.every((k) => unreadable.has(k))) return unreadable.get(judged[0]);
  return undefined;
}

export function lackingReason(u: UnreadableKind): string {
  return `the ${u.kind} objects could not be read (${u.reason}), and this control needs them`;
}

function judgedKinds(control: Control): readonly string[] {
  if (control.appliesTo === 'containers' || control.appliesTo === 'pods') return [...WORKLOAD_KINDS];
  if (typeof control.appliesTo === 'object') return control.appliesTo.kinds;
  return [];
}
