// docs/controls: one page per control and an index by guidance section, all from the metadata.
import fs from 'node:fs';
import path from 'node:path';
import type { Control } from '../controls/define.js';
import { CONTROLS } from '../controls/index.js';
import { DEFAULT_FRAMEWORK, FRAMEWORKS, findFramework } from '../frameworks/index.js';
import { controlMarkdown, GENERATED_MARK, sectionTitle } from './render.js';

/** File name → content, for every generated page. */
export function generateDocs(controls: readonly Control[] = CONTROLS): Map<string, string> {
  const files = new Map<string, string>();
  for (const c of controls) files.set(`${c.id}.md`, controlMarkdown(c));
  files.set('README.md', indexMarkdown(controls));
  return files;
}

function indexMarkdown(controls: readonly Control[]): string {
  const out = [GENERATED_MARK, '', '# Controls', ''];
  out.push(`Palisade has ${controls.length} controls. Each page says what fails, why it matters and how to fix it, `
    + 'with a failing and a passing example where a manifest can show one. `palisade explain <id>` prints the same page in a terminal.');
  const listed = new Set<string>();
  // grouped by the default framework's sections; the other frameworks map the same controls (docs/frameworks)
  const others = FRAMEWORKS.filter((f) => f.id !== DEFAULT_FRAMEWORK);
  if (others.length) out.push('', `The same controls are mapped to ${others.map((f) => `[${f.title}](../frameworks/${f.id}.md)`).join(', ')}: see [docs/frameworks](../frameworks/README.md).`);
  for (const fw of [findFramework(DEFAULT_FRAMEWORK)!]) {
    out.push('', `Grouped by the sections of the [${fw.title} v${fw.version}](${fw.url}) (framework \`${fw.id}\`).`);
    for (const s of fw.sections) {
      const mine = s.controls.map((id) => controls.find((c) => c.id === id)).filter((c): c is Control => c !== undefined);
      out.push('', `## ${s.title}`, '', s.summary, '', ...table(mine));
      for (const c of mine) listed.add(c.id);
    }
  }
  // the Pod Security Standards controls (src/controls/pss) are grouped on their own, aliased by PSA check ids
  const pss = controls.filter((c) => !listed.has(c.id) && c.id.startsWith('pss-'));
  const rest = controls.filter((c) => !listed.has(c.id) && !c.id.startsWith('pss-'));
  const sections = [...new Set(rest.map((c) => c.section))];
  for (const id of sections) {
    out.push('', `## ${sectionTitle(id)}`, '', ...table(rest.filter((c) => c.section === id)));
  }
  if (pss.length) {
    out.push('', '## Pod Security Standards', '', 'One control per check of Pod Security Admission, judged at `--pss-version` '
      + '(frameworks [pss-baseline](../frameworks/pss-baseline.md) and [pss-restricted](../frameworks/pss-restricted.md)).', '', ...table(pss, 'PSS check'));
  }
  return out.join('\n') + '\n';
}

function table(controls: Control[], aliases = 'Kubescape'): string[] {
  if (controls.length === 0) return ['No controls yet.'];
  return [
    `| Control | Title | Severity | ${aliases} |`,
    '| --- | --- | --- | --- |',
    ...controls.map((c) => `| [${c.id}](${c.id}.md) | ${c.title.replace(/\|/g, '\\|')} | ${c.severity} | ${c.aliases.join(', ') || '—'} |`),
  ];
}

/**
 * Writes the pages into `dir` and removes pages it generated before for controls that no longer
 * exist (only files that carry the generated mark; nothing else in the directory is touched).
 */
export function writeDocs(dir: string, files: Map<string, string> = generateDocs()): { written: number; removed: string[] } {
  fs.mkdirSync(dir, { recursive: true });
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.md') || files.has(name)) continue;
    const full = path.join(dir, name);
    if (fs.readFileSync(full, 'utf8').startsWith(GENERATED_MARK)) {
      fs.rmSync(full);
      removed.push(name);
    }
  }
  for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
  return { written: files.size, removed };
}
