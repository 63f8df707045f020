// docs/frameworks: one page per framework and an index, from the framework data — each section,
// each item of the standard with its ids, and the controls that judge it (or "not covered").
import { getControl } from '../controls/index.js';
import { FRAMEWORKS, frameworkControlIds, type Framework, type FrameworkItem } from '../frameworks/index.js';
import { GENERATED_MARK } from './render.js';
import { coverageByInput } from '../frameworks/sources.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function controlLinks(ids: readonly string[]): string {
  return ids.length ? ids.map((id) => `[${id}](../controls/${id}.md)`).join(', ') : '**not covered**';
}

function itemRow(item: FrameworkItem): string {
  const judged = item.controls.length || item.manual === undefined ? controlLinks(item.controls) : `manual: ${cell(item.manual)}`;
  return `| ${cell(item.id)} | ${cell(item.title)} | ${item.aliases?.map(cell).join(', ') || '—'} | ${judged} |`;
}

export function frameworkMarkdown(fw: Framework): string {
  const out = [GENERATED_MARK, '', `# ${fw.title} v${fw.version}`, ''];
  out.push(`Framework id \`${fw.id}\`${fw.aliases?.length ? ` (also ${fw.aliases.map((a) => `\`${a}\``).join(', ')})` : ''}: `
    + `\`palisade scan --framework ${fw.id}\`. Source: <${fw.url}>.`);
  if (fw.about) out.push('', fw.about);
  out.push('', `${frameworkControlIds(fw).length} controls in ${fw.sections.length} sections.`);
  for (const s of fw.sections) {
    out.push('', `## ${s.title}`, '', `Section \`${s.id}\`${s.aliases?.length ? ` (${s.aliases.join(', ')})` : ''}. ${s.summary}`, '');
    if (s.items) {
      out.push('| Item | Title | Also | Controls |', '| --- | --- | --- | --- |', ...s.items.map(itemRow));
    } else {
      out.push('| Control | Title | Severity |', '| --- | --- | --- |',
        ...s.controls.map((id) => `| [${id}](../controls/${id}.md) | ${cell(getControl(id)?.title ?? id)} | ${getControl(id)?.severity ?? '—'} |`));
    }
  }
  return out.join('\n') + '\n';
}

/** File name → content: a page per framework and README.md listing them. */
export function generateFrameworkDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const fw of FRAMEWORKS) files.set(`${fw.id}.md`, frameworkMarkdown(fw));
  const index = [GENERATED_MARK, '', '# Frameworks', '',
    'A framework is data over the controls: a control written once serves every framework that maps it. '
    + 'Score several in one run with `--framework a,b`; `palisade list frameworks` lists them.', '',
    'The last three columns are the share of a framework\'s controls that a scan of manifests, of a cluster or of a node alone can judge '
    + '(a node scan sees processes, flags, configuration files and file modes; a cluster serves objects, flags through mirror pods and kubelet configuration, '
    + 'but not file modes or the files the API server reads from its disk).', '',
    '| Framework | Title | Version | Controls | Sections | Manifests | Cluster | Node |', '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...FRAMEWORKS.map((f) => {
      const cov = coverageByInput(f);
      return `| [${f.id}](${f.id}.md) | ${cell(f.title)} | ${f.version} | ${frameworkControlIds(f).length} | ${f.sections.length} | ${cov.manifests}% | ${cov.cluster}% | ${cov.node}% |`;
    })];
  files.set('README.md', index.join('\n') + '\n');
  return files;
}
