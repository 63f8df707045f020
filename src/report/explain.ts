// A control's documentation, from its metadata: shared by `palisade explain` and docs/controls.
import type { Control } from '../controls/define.js';
import { findFramework } from '../frameworks/index.js';

export function controlInfo(c: Control) {
  return {
    id: c.id, aliases: c.aliases, title: c.title, severity: c.severity, section: c.section,
    sectionTitle: sectionTitle(c.section),
    failsWhen: c.failsWhen, rationale: c.rationale, remediation: c.remediation,
    inputs: c.inputs ?? [], example: c.example,
  };
}

function sectionTitle(id: string): string {
  return findFramework('nsa-cisa')?.sections.find((s) => s.id === id)?.title ?? id;
}
