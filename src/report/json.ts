// The JSON report. Indented for a person at a terminal, compact otherwise (pipes and files: a
// third smaller and faster to write; `jq .` indents it). Large reports are produced in chunks, so
// that writing one never needs the whole text in memory at once.
import type { ScanReport } from '../model/types.js';

const BATCH = 500;

/** The report as JSON text, in pieces: top-level fields one by one, big arrays in batches. */
export function* jsonChunks(report: ScanReport, indent = 0): Generator<string> {
  if (indent > 0) {
    yield JSON.stringify(report, null, indent) + '\n';
    return;
  }
  const entries = Object.entries(report).filter(([, v]) => v !== undefined);
  yield '{';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i];
    yield `${i ? ',' : ''}${JSON.stringify(key)}:`;
    if (Array.isArray(value) && value.length > BATCH) {
      yield '[';
      for (let j = 0; j < value.length; j += BATCH) {
        // One stringify per batch, its brackets cut off: the elements joined by commas, as one
        // stringify per element joined gave (undefined as null), in a quarter less time.
        // the comma on its own: joined to the batch it would make the writer copy the batch's text
        if (j) yield ',';
        yield JSON.stringify(value.slice(j, j + BATCH)).slice(1, -1);
      }
      yield ']';
    } else {
      yield JSON.stringify(value);
    }
  }
  yield '}\n';
}

export function formatJson(report: ScanReport, indent = 2): string {
  return [...jsonChunks(report, indent)].join('');
}
