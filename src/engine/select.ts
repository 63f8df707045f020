// Which controls a scan runs: the framework's, narrowed by --controls, --exclude-controls and the config.
import { UsageError } from '../model/errors.js';
import type { Control } from '../controls/define.js';
import { CONTROLS, getControl, resolveControlName } from '../controls/index.js';
import { DEFAULT_FRAMEWORK, findFramework, frameworkControlIds, frameworkNames, type Framework } from '../frameworks/index.js';
import { KUBESCAPE_CONTROL_NAMES } from '../frameworks/kubescape-names.js';
import { didYouMean } from './suggest.js';

export interface Selection {
  /** The first framework: the summary's compliance and coverage are its. */
  framework: Framework;
  /** Every framework the scan is scored against, each over the same evaluation. */
  frameworks: Framework[];
  controls: Control[];
  /** The control sections the scan is about, when narrowed by `sections`; coverage and compliance count only their controls. */
  sections?: string[];
}

export interface SelectOptions {
  /** Framework names (ids or aliases, any case); a name may hold several, comma-separated. Default nsa-cisa. */
  framework?: string | string[];
  controls?: string[];
  excludeControls?: string[];
  /** Disabled in the config file. */
  disabled?: string[];
  /**
   * Only the frameworks' controls of these control sections (a node-only scan: control-plane,
   * kubelet). Ignored when `controls` names controls: an explicit selection wins.
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

/** The frameworks a scan is scored against, in the order named, each once; unknown names are usage errors. */
export function resolveFrameworks(names: string | string[] | undefined, what = 'framework'): Framework[] {
  const list = (Array.isArray(names) ? names : names === undefined ? [] : [names])
    .flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean);
  const out: Framework[] = [];
  for (const name of list.length ? list : [DEFAULT_FRAMEWORK]) {
    const fw = resolveFramework(name, what);
    if (!out.includes(fw)) out.push(fw);
  }
  return out;
}

export function selectControls(options: SelectOptions): Selection {
  const frameworks = resolveFrameworks(options.framework);
  const ids = new Set(frameworks.flatMap(frameworkControlIds));
  let controls = [...ids].map((id) => getControl(id)).filter((c): c is Control => c !== undefined);
  let sections: string[] | undefined;
  if (options.controls?.length) {
    const wanted = resolveNames(options.controls, '--controls');
    // Controls outside the frameworks may still be asked for by name.
    controls = CONTROLS.filter((c) => wanted.includes(c));
  } else if (options.sections?.length) {
    sections = [...options.sections];
    controls = controls.filter((c) => sections!.includes(c.section));
  }
  const dropped = [
    ...resolveNames(options.excludeControls ?? [], '--exclude-controls'),
    ...resolveNames(options.disabled ?? [], 'the config file\'s disabledControls'),
  ];
  controls = controls.filter((c) => !dropped.includes(c));
  const selection: Selection = { framework: frameworks[0]!, frameworks, controls };
  return sections ? { ...selection, sections } : selection;
}
