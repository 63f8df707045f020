// Controls that cannot be judged because a source could not read what they need: a cluster that
// answers 403 for RoleBindings leaves the RBAC controls without their input, and judging them
// anyway would pass every binding it did not see. Such a control is skipped with the reason, so
// coverage shows the gap (and --min-coverage gates on it).
import { WORKLOAD_KINDS } from '../model/kinds.js';
import type { UnreadableKind } from '../model/types.js';
import type { Control } from '../controls/define.js';

/** The unreadable kinds that keep this control from being judged; empty when it can be. */
export function lackingKinds(control: Control, unreadable: ReadonlyMap<string, UnreadableKind>): UnreadableKind[] {
  if (unreadable.size === 0) return [];
  const lacking = (control.reads ?? []).map((kind) => unreadable.get(kind)).filter((u): u is UnreadableKind => u !== undefined);
  if (lacking.length) return lacking;
  // when every kind it judges is unreadable, it has nothing to judge: say why, not "nothing in the input"
  const judged = judgedKinds(control);
  if (judged.length && judged.every((k) => unreadable.has(k))) return judged.map((k) => unreadable.get(k)!);
  return [];
}

/**
 * `the Role and RoleBinding objects could not be read (HTTP 403), and this control needs them`:
 * short, the same for every control it concerns; the whole reason is in the warnings and in the
 * report's `unreadable` list.
 */
export function lackingReason(lacking: readonly UnreadableKind[]): string {
  const kinds = lacking.map((u) => u.kind);
  const named = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}` : kinds[0];
  const statuses = [...new Set(lacking.map((u) => (typeof u.status === 'number' ? `HTTP ${u.status}` : u.status ?? 'not readable')))];
  return `the ${named} objects could not be read (${statuses.join(', ')}), and this control needs them`;
}

function judgedKinds(control: Control): readonly string[] {
  if (control.appliesTo === 'containers' || control.appliesTo === 'pods') return [...WORKLOAD_KINDS];
  if (typeof control.appliesTo === 'object') return control.appliesTo.kinds;
  return [];
}
