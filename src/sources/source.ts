// What a source is: something that reads resources from somewhere — files, this host, a live
// cluster — and says what it read, what it could not read and what the user should know. The
// CLI opens sources from its flags (src/cli/sources.ts), reads them, and combines their results
// into the one input `scan()` judges (src/sources/combine.ts).
import type { ScanTarget, UnreadableKind } from '../model/types.js';
import type { DocumentSink } from './files/to-resources.js';

export interface SourceResult extends DocumentSink {
  targets: ScanTarget[];
  /** Things the user should know about the result; they go into the report's warnings. */
  warnings: string[];
  /** What the source found, for the user at the terminal (standard error unless --quiet); not in the report. */
  notes: string[];
  /** Kinds the source could not read: the controls that need one are skipped with its reason. */
  unreadable: UnreadableKind[];
  /**
   * The framework sections this source can inform; undefined: every section. A scan whose sources
   * all inform a few sections (`--node` alone) is scored against those sections only.
   */
  sections?: readonly string[];
  /** Said first in the skip reason of the controls of these sections (a host where --node found no component). */
  skipNote?: { sections: readonly string[]; note: string };
}

export interface Source {
  /** How the user asked for it, for messages: `files`, `--node`, `--cluster`. */
  readonly name: string;
  read(): SourceResult | Promise<SourceResult>;
}
