// The config file: `.palisade.yaml` at the scan root, or --config FILE. Unknown keys and wrong
// types are errors that name the key's line.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../model/errors.js';
import type { Severity } from '../model/types.js';
import { INPUT_KEYS, type ControlInputs } from '../controls/inputs.js';
import { parseSeverity, parsePercent } from '../engine/gates.js';
import { parseYamlFile } from '../sources/files/yaml-file.js';
import { Validator } from './validate.js';
import { readExceptionList } from './exceptions-file.js';
import type { ExceptionRule } from '../engine/exceptions.js';
import { readSettingsFile } from './read-text-file.js';

export interface PalisadeConfig {
  file?: string;
  framework?: string;
  inputs: Partial<ControlInputs>;
  disabledControls: string[];
  includeNamespaces?: string[];
  excludeNamespaces?: string[];
  gates: { failOn?: Severity; complianceThreshold?: number; minCoverage?: number };
  exceptions: ExceptionRule[];
}

export const CONFIG_NAMES = ['.palisade.yaml', '.palisade.yml'];

const TOP_KEYS = ['framework', 'inputs', 'disabledControls', 'includeNamespaces', 'excludeNamespaces', 'gates', 'exceptions'];
const GATE_KEYS = ['failOn', 'complianceThreshold', 'minCoverage'];

/** The scan root's config file: in the first directory given, else the current directory. */
export function findConfig(paths: string[]): string | undefined {
  const dirs: string[] = [];
  for (const p of paths) {
    if (p === '-') continue;
    try {
      if (fs.statSync(p).isDirectory()) { dirs.push(p); break; }
    } catch {
      // reported by the files source
    }
  }
  dirs.push('.');
  for (const dir of dirs) {
    for (const name of CONFIG_NAMES) {
      const full = path.join(dir, name);
      if (fs.existsSync(full)) return full;
    }
  }
  return undefined;
}

export function loadConfig(file: string): PalisadeConfig {
  const text = readSettingsFile(file, 'config file');
  const parsed = parseYamlFile(text);
  if ('error' in parsed) throw new UsageError(`${file}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`);
  const config: PalisadeConfig = { file, inputs: {}, disabledControls: [], gates: {}, exceptions: [] };
  const doc = parsed.documents[0];
  if (!doc || doc.value === null || doc.value === undefined) return config;
  const v = new Validator(file, doc);
  const root = v.mapping([], TOP_KEYS);
  if (root.framework !== undefined) config.framework = v.string(['framework']);
  if (root.disabledControls !== undefined) config.disabledControls = v.stringList(['disabledControls']);
  if (root.includeNamespaces !== undefined) config.includeNamespaces = v.stringList(['includeNamespaces']);
  if (root.excludeNamespaces !== undefined) config.excludeNamespaces = v.stringList(['excludeNamespaces']);
  if (root.inputs !== undefined) {
    const inputs = v.mapping(['inputs'], INPUT_KEYS as string[]);
    for (const key of Object.keys(inputs) as Array<keyof ControlInputs>) {
      const list = v.stringList(['inputs', key]);
      if (key === 'sensitiveValuePatterns') {
        list.forEach((pattern, i) => {
          try {
            new RegExp(pattern);
          } catch (e) {
            v.fail(['inputs', key, i], `not a valid regular expression: ${(e as Error).message}`);
          }
        });
      }
      config.inputs[key] = list;
    }
  }
  if (root.exceptions !== undefined) config.exceptions = readExceptionList(file, doc, ['exceptions']);
  if (root.gates !== undefined) {
    const gates = v.mapping(['gates'], GATE_KEYS);
    if (gates.failOn !== undefined) config.gates.failOn = v.wrap(['gates', 'failOn'], () => parseSeverity(String(gates.failOn), 'failOn'));
    for (const key of ['complianceThreshold', 'minCoverage'] as const) {
      if (gates[key] !== undefined) {
        if (typeof gates[key] !== 'number') v.fail(['gates', key], `${key} must be a number from 0 to 100`);
        config.gates[key] = v.wrap(['gates', key], () => parsePercent(gates[key] as number, key));
      }
    }
  }
  return config;
}
