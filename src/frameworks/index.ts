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
  title: string;
  version: string;
  url: string;
  sections: FrameworkSection[];
}

export const FRAMEWORKS: readonly Framework[] = [nsaCisa];

export function findFramework(id: string): Framework | undefined {
  return FRAMEWORKS.find((f) => f.id === id);
}

export function frameworkControlIds(f: Framework): string[] {
  return f.sections.flatMap((s) => s.controls);
}
