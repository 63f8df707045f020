// A control's documentation, from its metadata alone: the same content for docs/controls/<id>.md
// (markdown) and for `palisade explain` (plain text for a terminal).
import type { Control } from '../controls/define.js';
import { DEFAULT_INPUTS, type ControlInputs } from '../controls/inputs.js';
import { FRAMEWORKS } from '../frameworks/index.js';

export const GENERATED_MARK = '<!-- Generated from the control metadata by `npm run docs`; do not edit by hand. -->';

type Block =
  | { type: 'text'; text: string }
  | { type: 'code'; lang: string; text: string };

interface DocSection { heading: string; blocks: Block[] }

interface ControlDoc {
  title: string;
  facts: Array<[string, string]>;
  sections: DocSection[];
}

export function sectionTitle(id: string): string {
  for (const f of FRAMEWORKS) {
    const s = f.sections.find((x) => x.id === id);
    if (s) return s.title;
  }
  return id;
}

const INPUT_NOTES: Record<keyof ControlInputs, string> = {
  allowedRegistries: 'registries images may come from; the control is skipped when it is not set',
  sensitiveKeyNames: 'words that mark a credential in env var, ConfigMap key and flag names, as a word or the end of one (replaces the default list)',
  sensitiveValuePatterns: 'regular expressions for values that look like credentials, in addition to the built-in value rules',
  sensitiveKeyNamesAllowed: 'regular expressions (case-insensitive) for names never sensitive by name; value rules still apply',
  sensitiveValuesAllowed: 'regular expressions for values never reported as credentials',
  dangerousCapabilities: 'capabilities that must not be added',
  sandboxRuntimeClasses: 'RuntimeClass names that count as sandboxed; the control is skipped when it is not set',
  kubernetesVersion: 'the Kubernetes version the manifests run on; a cluster scan takes the API server\'s',
  pssVersion: 'the Pod Security Standards version the pss-* controls judge at (v1.N or latest; --pss-version); a cluster scan takes the API server\'s, else the newest implemented',
};

function describeInput(key: keyof ControlInputs): string {
  const note = INPUT_NOTES[key] ?? '';
  const value = DEFAULT_INPUTS[key];
  const shown = value === undefined ? 'no default' : `default: ${Array.isArray(value) ? `${value.length} entries` : JSON.stringify(value)}`;
  return `\`inputs.${key}\`${note ? ` — ${note}` : ''} (${shown})`;
}

function controlDoc(c: Control): ControlDoc {
  const sections: DocSection[] = [
    { heading: 'Fails when', blocks: [{ type: 'text', text: c.failsWhen }] },
    { heading: 'Why it matters', blocks: [{ type: 'text', text: c.rationale }] },
    { heading: 'How to fix', blocks: [{ type: 'text', text: c.remediation }] },
  ];
  if (c.inputs?.length) {
    sections.push({
      heading: 'Configuration',
      blocks: [
        { type: 'text', text: 'Reads these inputs from the config file (`.palisade.yaml`):' },
        ...c.inputs.map((k): Block => ({ type: 'text', text: `- ${describeInput(k)}` })),
      ],
    });
  }
  if (c.example) {
    const blocks: Block[] = [];
    if (c.example.inputs && Object.keys(c.example.inputs).length) {
      blocks.push({ type: 'text', text: 'Evaluated with this configuration:' });
      blocks.push({ type: 'code', lang: 'yaml', text: inputsYaml(c.example.inputs) });
    }
    blocks.push({ type: 'text', text: 'Fails:' }, { type: 'code', lang: 'yaml', text: c.example.failing.trim() });
    blocks.push({ type: 'text', text: 'Passes:' }, { type: 'code', lang: 'yaml', text: c.example.passing.trim() });
    sections.push({ heading: 'Example', blocks });
  } else {
    const why = c.nothingToEvaluate ?? 'the control does not read manifests';
    sections.push({ heading: 'Example', blocks: [{ type: 'text', text: `No manifest example: ${why}.` }] });
  }
  return {
    title: `${c.title} (${c.id})`,
    facts: [
      ['Id', c.id],
      // a Pod Security Standards control (src/controls/pss) is aliased by its Pod Security Admission check id
      [c.id.startsWith('pss-') ? 'PSS check' : 'Kubescape', c.aliases.join(', ') || '—'],
      ['Severity', c.severity],
      ['Section', sectionTitle(c.section)],
    ],
    sections,
  };
}

function inputsYaml(inputs: Partial<ControlInputs>): string {
  const lines = ['inputs:'];
  for (const [k, v] of Object.entries(inputs)) {
    lines.push(Array.isArray(v) ? `  ${k}: [${v.map((x) => JSON.stringify(x)).join(', ')}]` : `  ${k}: ${JSON.stringify(v)}`);
  }
  return lines.join('\n');
}

export function controlMarkdown(c: Control): string {
  const doc = controlDoc(c);
  const out = [GENERATED_MARK, '', `# ${doc.title}`, ''];
  for (const [k, v] of doc.facts) {
    const shown = k === 'Id' ? `\`${v}\`` : k === 'Section' ? `[${v}](README.md#${anchor(v)})` : v;
    out.push(`- **${k}:** ${shown}`);
  }
  for (const s of doc.sections) {
    out.push('', `## ${s.heading}`);
    for (const b of s.blocks) {
      if (b.type === 'code') out.push('', '```' + b.lang, b.text, '```');
      else if (b.text.startsWith('- ') && out[out.length - 1].startsWith('- ')) out.push(b.text);
      else out.push('', b.text);
    }
  }
  return out.join('\n') + '\n';
}

/** The terminal form of the same document: no markdown markup, code indented. */
export function controlText(c: Control): string {
  const doc = controlDoc(c);
  const out = [doc.title, '='.repeat(doc.title.length)];
  const w = Math.max(...doc.facts.map(([k]) => k.length));
  for (const [k, v] of doc.facts) out.push(`${(k + ':').padEnd(w + 1)} ${v}`);
  for (const s of doc.sections) {
    out.push('', s.heading.toUpperCase());
    for (const b of s.blocks) {
      if (b.type === 'code') out.push(...b.text.split('\n').map((l) => `    ${l}`));
      else out.push(...wrap(b.text.replace(/`/g, ''), 98).map((l) => `  ${l}`));
    }
  }
  return out.join('\n') + '\n';
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
export function anchor(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}
