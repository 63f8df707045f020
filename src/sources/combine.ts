// Several sources in one scan (files + --node + --cluster): their results joined into the one
// input scan() judges, and, once the report exists, what the sources have to say about it.
import type { ScanReport } from '../model/types.js';
import type { ScanInput } from '../engine/scan.js';
import type { SourceResult } from './source.js';

export interface CombinedInput extends ScanInput {
  warnings: string[];
  notes: string[];
  /** The sections the sources can inform; undefined when one of them informs every section. */
  sections?: string[];
  skipNotes: NonNullable<SourceResult['skipNote']>[];
}

export function combineResults(results: readonly SourceResult[]): CombinedInput {
  if (results.length === 1) {
    // one source (the usual case): its arrays as they are, not copied item by item
    const [r] = results;
    return {
      resources: r.resources, documents: r.documents, ignored: r.ignored, errors: r.errors, targets: r.targets,
      unreadable: r.unreadable, warnings: r.warnings, notes: r.notes, skipNotes: r.skipNote ? [r.skipNote] : [],
      ...(r.sections?.length ? { sections: [...r.sections] } : {}),
    };
  }
  const out: CombinedInput = {
    resources: [], documents: 0, ignored: [], errors: [], targets: [], unreadable: [], warnings: [], notes: [], skipNotes: [],
  };
  let sections: Set<string> | undefined = new Set();
  for (const r of results) {
    // loops, not push(...): a source can return hundreds of thousands of resources
    for (const x of r.resources) out.resources.push(x);
    for (const x of r.ignored) out.ignored.push(x);
    for (const x of r.errors) out.errors.push(x);
    for (const x of r.targets) out.targets.push(x);
    for (const x of r.unreadable) out.unreadable!.push(x);
    for (const x of r.warnings) out.warnings.push(x);
    for (const x of r.notes) out.notes.push(x);
    out.documents += r.documents;
    if (r.skipNote) out.skipNotes.push(r.skipNote);
    if (!r.sections) sections = undefined;
    else for (const s of r.sections) sections?.add(s);
  }
  if (sections?.size) out.sections = [...sections];
  return out;
}

/** Adds the sources' warnings to the report, and their notes to the skip reasons of the sections they concern. */
export function annotateReport(report: ScanReport, input: CombinedInput): void {
  for (const w of input.warnings) report.warnings.push(w);
  for (const { sections, note } of input.skipNotes) {
    for (const c of report.controls) {
      if (c.status === 'skipped' && sections.includes(c.section)) c.reason = c.reason ? `${note}; ${c.reason}` : note;
    }
  }
}
