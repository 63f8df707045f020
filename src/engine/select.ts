// Which controls a scan runs: the framework's, narrowed by --controls, --exclude-controls and the config.
import { UsageError } from '../model/errors.js';
import type { Control } from '../controls/define.js';
import { CONTROLS, getControl, resolveControlName } from '../controls/index.js';
import { findFramework, frameworkControlIds, frameworkNames, type Framework } from '../frameworks/index.js';
import { KUBESCAPE_CONTROL_NAMES } from '../frameworks/kubescape-names.js';
import { didYouMean } from './suggest.js';

export interface Selection {
  framework: Framework;
  controls: Control[];
  /** The framework sections the scan is about, when narrowed by `sections`; coverage and compliance count only these. */
  sections?: string[];
}

export interface SelectOptions {
  framework?: string;
  controls?: string[];
  excludeControls?: string[];
  /** Disabled in the config file. */
  disabled?: string[];
  /**
   * Only the framework's controls of these sections (a node-only scan: control-plane, kubelet).
   * Ignored when `controls` names controls: an explicit selection wins.
   */
  sections?: string[];
}

/** A name as compared: lower case, runs of white space as one space. */
function normalName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

let titles: Map<string, Control[]> | undefined;
let kubescapeNames: Map<string, Control[]> | undefined;

/** Palisade's control titles and Kubescape's control names, normalised, to the controls they name. */
function nameTables(): { titles: Map<string, Control[]>; kubescapeNames: Map<string, Control[]> } {
  if (!titles || !kubescapeNames) {
    titles = new Map();
    for (const c of CONTROLS) titles.set(normalName(c.title), [...titles.get(normalName(c.title)) ?? [], c]);
    kubescapeNames = new Map();
    for (const [id, name] of KUBESCAPE_CONTROL_NAMES) {
      const key = normalName(name);
      const list = kubescapeNames.get(key) ?? [];
      for (const c of resolveControlName(id)) if (!list.includes(c)) list.push(c);
      kubescapeNames.set(key, list);
    }
  }
  return { titles, kubescapeNames };
}

/**
 * The controls a name refers to: a Palisade id, a Kubescape id (C-0057, which may name several),
 * a Palisade control title or a Kubescape control name ("Privileged container"); ids and names in
 * any case. Empty when it names nothing.
 */
export function resolveControl(name: string): Control[] {
  const byId = resolveControlName(name.trim());
  if (byId.length) return byId;
  const key = normalName(name);
  const tables = nameTables();
  return tables.titles.get(key) ?? tables.kubescapeNames.get(key) ?? [];
}

/** Every name a control may be given by, for suggestions: ids, Kubescape ids, titles, Kubescape names. */
export function controlNames(): string[] {
  return [
    ...CONTROLS.flatMap((c) => [c.id, ...c.aliases, c.title]),
    ...KUBESCAPE_CONTROL_NAMES.map(([, name]) => name),
  ];
}

/** `unknown control "x"; did you mean "y"? (see 'palisade list controls')`, for any place a control is named. */
export function unknownControlMessage(name: string): string {
  return `unknown control "${name}"${didYouMean(name, controlNames())} (see 'palisade list controls')`;
}

/** Resolves names (ids, Kubescape ids, titles, Kubescape names); an unknown name is a usage error, never an empty selection. */
export function resolveNames(names: string[], what: string): Control[] {
  const out: Control[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    const found = resolveControl(name);
    if (found.length === 0) {
      throw new UsageError(`unknown control in ${what}: "${name}"${didYouMean(name, controlNames())} (see 'palisade list controls')`);
    }
    for (const c of found) if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** The framework a name (id or alias, any case) names; an unknown one is a usage error. */
export function resolveFramework(name: string, what = 'framework'): Framework {
  const framework = findFramework(name);
  if (!framework) {
    throw new UsageError(`unknown ${what} "${name}"${didYouMean(name, frameworkNames())} (known: ${frameworkNames().join(', ')})`);
  }
  return framework;
}

export function selectControls(options: SelectOptions): Selection {
  const framework = resolveFramework(options.framework ?? 'nsa-cisa');
  let controls = frameworkControlIds(framework).map((id) => getControl(id)).filter((c): c is Control => c !== undefined);
  let sections: string[] | undefined;
  if (options.controls?.length) {
    const wanted = resolveNames(options.controls, '--controls');
    // Controls outside the framework may still be asked for by name.
    controls = CONTROLS.filter((c) => wanted.includes(c));
  } else if (options.sections?.length) {
    sections = framework.sections.map((s) => s.id).filter((id) => options.sections!.includes(id));
    const ids = new Set(framework.sections.filter((s) => sections!.includes(s.id)).flatMap((s) => s.controls));
    controls = controls.filter((c) => ids.has(c.id));
  }
  const dropped = [
    ...resolveNames(options.excludeControls ?? [], '--exclude-controls'),
    ...resolveNames(options.disabled ?? [], 'the config file\'s disabledControls'),
  ];
  controls = controls.filter((c) => !dropped.includes(c));
  return sections ? { framework, controls, sections } : { framework, controls };
}
