// Skipped controls grouped by reason, for the pretty report: 11 control-plane controls skipped
// because "no kube-apiserver in the input …" are one entry with 11 ids, not 11 lines with the same
// 200 characters. A source can put a note in front of every reason of the sections it concerns
// (`--node: no Kubernetes components found …; <reason>`, `--cluster: …; <reason>`), which makes
// every reason distinct; a note shared by several reasons is therefore grouped first, with the
// reasons that follow it grouped under it.

export interface SkipItem {
  id: string;
  reason: string;
}

/** Controls skipped for one reason (after the note of the group it is in, if any). */
export interface SkipReason {
  reason: string;
  controls: string[];
}

/** A note shared by several different reasons, and those reasons, grouped in turn. */
export interface SkipNote {
  note: string;
  controls: string[];
  entries: SkipEntry[];
}

export type SkipEntry = SkipReason | SkipNote;

export function isNote(e: SkipEntry): e is SkipNote {
  return 'note' in e;
}

const SEPARATOR = '; ';

/**
 * Groups skipped controls: a first `; `-separated part shared by at least two different reasons
 * is a note and groups them (recursively: a second note after the first is grouped the same way);
 * otherwise controls with the same reason are one entry. Entries keep the order in which their
 * first control comes.
 */
export function groupSkipped(items: readonly SkipItem[]): SkipEntry[] {
  const heads = new Map<string, Set<string>>();
  for (const it of items) {
    const at = it.reason.indexOf(SEPARATOR);
    if (at <= 0) continue;
    const head = it.reason.slice(0, at);
    const reasons = heads.get(head) ?? new Set<string>();
    reasons.add(it.reason);
    heads.set(head, reasons);
  }
  // a reason that is the note alone (a control with no reason of its own) joins the note's group
  for (const it of items) heads.get(it.reason)?.add(it.reason);
  const notes = new Set([...heads].filter(([, reasons]) => reasons.size >= 2).map(([head]) => head));

  const entries: SkipEntry[] = [];
  const byKey = new Map<string, { entry: SkipEntry; members: SkipItem[] }>();
  for (const it of items) {
    const at = it.reason.indexOf(SEPARATOR);
    const head = at > 0 ? it.reason.slice(0, at) : it.reason;
    if (notes.has(head)) {
      const key = `note\u0000${head}`;
      let g = byKey.get(key);
      if (!g) {
        g = { entry: { note: head, controls: [], entries: [] }, members: [] };
        byKey.set(key, g);
        entries.push(g.entry);
      }
      g.entry.controls.push(it.id);
      g.members.push({ id: it.id, reason: at > 0 ? it.reason.slice(at + SEPARATOR.length) : '' });
      continue;
    }
    const key = `reason\u0000${it.reason}`;
    let g = byKey.get(key);
    if (!g) {
      g = { entry: { reason: it.reason, controls: [] }, members: [] };
      byKey.set(key, g);
      entries.push(g.entry);
    }
    g.entry.controls.push(it.id);
  }
  for (const { entry, members } of byKey.values()) {
    if (isNote(entry)) entry.entries = groupSkipped(members);
  }
  return entries;
}
