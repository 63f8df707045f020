// "Did you mean …?" for names the user typed: control ids and names, frameworks, config keys.
// One suggestion, and only when it is close and unambiguous: a wrong guess is worse than none.

/**
 * Edit distance with adjacent transpositions (optimal string alignment): insertions, deletions,
 * substitutions and swaps of two neighbouring characters each cost 1.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  // three rows: the one before the previous (for transpositions), the previous, the current
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
    }
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[b.length];
}

/** How far a name may be from what was typed to be suggested: about a third of its length, 1 to 3 edits. */
function maxDistance(typed: string): number {
  return Math.min(3, Math.max(1, Math.floor(typed.length / 3)));
}

/**
 * The candidate closest to `typed` (ignoring case), when it is within a few edits and no other
 * candidate is as close; undefined otherwise. Candidates are returned as given.
 */
export function suggest(typed: string, candidates: Iterable<string>): string | undefined {
  const t = typed.trim().toLowerCase();
  if (!t) return undefined;
  const limit = maxDistance(t);
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  const seen = new Set<string>();
  for (const c of candidates) {
    const lower = c.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    // cheap bound: lengths alone already differ by more than the limit
    if (Math.abs(lower.length - t.length) > limit) continue;
    const d = editDistance(t, lower);
    if (d > limit) continue;
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}

/** `; did you mean "x"?` for a message, or '' when nothing is close enough. */
export function didYouMean(typed: string, candidates: Iterable<string>): string {
  const s = suggest(typed, candidates);
  return s === undefined ? '' : `; did you mean "${s}"?`;
}
