// Which controls a scan runs: the framework's, narrowed by --controls, --exclude-controls and the config.
import { UsageError } from '../model/errors.js';
import type { Control } from '../controls/define.js';
import { CONTROLS, getControl, resolveControlName } from '../controls/index.js';
import { findFramework, frameworkControlIds, FRAMEWORKS, type Framework } from '../frameworks/index.js';

export interface Selection {
  framework: Framework;
  controls: Control[];
}

export interface SelectOptions {
  framework?: string;
  controls?: string[];
  excludeControls?: string[];
  /** Disabled in the config file. */
  disabled?: string[];
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
  if (options.controls?.length) {
    const wanted = resolveNames(options.controls, '--controls');
    // Controls outside the framework may still be asked for by name.
    controls = CONTROLS.filter((c) => wanted.includes(c));
  }
  const dropped = [
    ...resolveNames(options.excludeControls ?? [], '--exclude-controls'),
    ...resolveNames(options.disabled ?? [], 'the config file\'s disabledControls'),
  ];
  controls = controls.filter((c) => !dropped.includes(c));
  return { framework, controls };
}
