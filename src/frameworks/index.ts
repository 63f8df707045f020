// Frameworks are data: an id, a title, a version and sections listing control ids.
import { nsaCisa } from './nsa-cisa.js';

export interface FrameworkSection {
  id: string;
  title: string;
  /** What the guidance asks for in this section, in one line. */
  summary: string;
  controls: string[];
}

export interface Framework {
  id: string;
  /** Other names it is known by (Kubescape's framework name), matched without regard to case. */
  aliases?: string[];
  title: string;
  version: string;
  url: string;
  sections: FrameworkSection[];
}

export const FRAMEWORKS: readonly Framework[] = [nsaCisa];

/** A framework by its id or an alias, in any case: `nsa-cisa`, `NSA`, `nsa`. */
export function findFramework(name: string): Framework | undefined {
  const n = name.trim().toLowerCase();
  return FRAMEWORKS.find((f) => f.id === n || f.aliases?.some((a) => a.toLowerCase() === n));
}

/** Every name a framework may be given by, for suggestions. */
export function frameworkNames(): string[] {
  return FRAMEWORKS.flatMap((f) => [f.id, ...(f.aliases ?? [])]);
}

export function frameworkControlIds(f: Framework): string[] {
  return f.sections.flatMap((s) => s.controls);
}
