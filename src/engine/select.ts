// Which controls a scan runs: the framework's, narrowed by --controls, --exclude-controls and the config.
import { UsageError } from '../model/errors.js';
import type { Control } from '../controls/define.js';
import { CONTROLS, getControl, resolveControlName } from '../controls/index.js';
import { findFramework, frameworkControlIds, FRAMEWORKS, type Framework } from '../frameworks/index.js';

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

/** Resolves names (ids or Kubescape aliases); an unknown name is a usage error, never an empty selection. */
export function resolveNames(names: string[], what: string): Control[] {
  const out: Control[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    const found = resolveControlName(name);
    if (found.length === 0) {
      throw new UsageError(`unknown control in ${what}: "${name}" (see 'palisade list controls')`);
    }
    for (const c of found) if (!out.includes(c)) out.push(c);
  }
  return out;
}

export function selectControls(options: SelectOptions): Selection {
  const framework = findFramework(options.framework ?? 'nsa-cisa');
  if (!framework) {
    throw new UsageError(`unknown framework "${options.framework}" (known: ${FRAMEWORKS.map((f) => f.id).join(', ')})`);
  }
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
