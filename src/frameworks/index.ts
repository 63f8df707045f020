// Frameworks are data: an id, a title, a version and sections listing control ids. A section may
// list its items — the standard's own entries (a MITRE technique, a CIS recommendation) — each
// mapped to the controls that judge it, or to none: an item no control judges is listed as not
// covered (or, for a manual item, with what to check by hand), never passed.
import { nsaCisa } from './nsa-cisa.js';
import { mitreAttack } from './mitre-attack.js';
import { cis } from './cis.js';
import { pssBaseline, pssRestricted } from './pss.js';

export interface FrameworkItem {
  /** The item's id in its standard: a slug of the technique's name, a CIS number. */
  id: string;
  /** Other ids it is known by (an ATT&CK technique id: T1610). */
  aliases?: string[];
  title: string;
  /** The Palisade controls that judge it; empty when none does. */
  controls: string[];
  /** For an item a scan cannot judge: what to check by hand. */
  manual?: string;
}

export interface FrameworkSection {
  id: string;
  /** Other ids of the section (an ATT&CK tactic id: TA0001). */
  aliases?: string[];
  title: string;
  /** What the standard asks for in this section, in one line. */
  summary: string;
  /** The controls of the section, in order (for a section with items: every control its items map, once). */
  controls: string[];
  /** The standard's own entries in this section, when it has finer ones than the section. */
  items?: FrameworkItem[];
}

export interface Framework {
  id: string;
  /** Other names it is known by (Kubescape's framework name), matched without regard to case. */
  aliases?: string[];
  title: string;
  version: string;
  url: string;
  /** One paragraph: what the standard is and how Palisade maps it. */
  about?: string;
  /** For a Pod Security Standards framework, its level: the report says per namespace what its enforce label enforces beside it. */
  podSecurityLevel?: 'baseline' | 'restricted';
  sections: FrameworkSection[];
}

export const FRAMEWORKS: readonly Framework[] = [nsaCisa, mitreAttack, cis, pssBaseline, pssRestricted];

/** The framework a scan is scored against when none is named. */
export const DEFAULT_FRAMEWORK = 'nsa-cisa';

/** A framework by its id or an alias, in any case: `nsa-cisa`, `NSA`, `nsa`. */
export function findFramework(name: string): Framework | undefined {
  const n = name.trim().toLowerCase();
  return FRAMEWORKS.find((f) => f.id === n || f.aliases?.some((a) => a.toLowerCase() === n));
}

/** Every name a framework may be given by, for suggestions. */
export function frameworkNames(): string[] {
  return FRAMEWORKS.flatMap((f) => [f.id, ...(f.aliases ?? [])]);
}

/** The framework's controls, each once, in section order. */
export function frameworkControlIds(f: Framework): string[] {
  return [...new Set(f.sections.flatMap((s) => s.controls))];
}

/** A section whose items map controls lists those controls, each once, in item order. */
export function itemControls(items: readonly FrameworkItem[]): string[] {
  return [...new Set(items.flatMap((i) => i.controls))];
}
