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

/** Markdown that reads well in a terminal too. */
export function explainText(c: Control): string {
  const lines = [
    `# ${c.id}: ${c.title}`,
    '',
    `Severity: ${c.severity} · Section: ${sectionTitle(c.section)} · Kubescape: ${c.aliases.join(', ') || '—'}`,
    '',
    '## Fails when',
    '',
    c.failsWhen,
    '',
    '## Why it matters',
    '',
    c.rationale,
    '',
    '## How to fix',
    '',
    c.remediation,
  ];
  if (c.inputs?.length) lines.push('', '## Configuration', '', `Reads ${c.inputs.map((i) => `\`inputs.${i}\``).join(', ')} from the config file.`);
  if (c.example) {
    lines.push('', '## Example', '', 'Fails:', '', '```yaml', c.example.failing.trimEnd(), '```', '', 'Passes:', '', '```yaml', c.example.passing.trimEnd(), '```');
  }
  return lines.join('\n') + '\n';
}
