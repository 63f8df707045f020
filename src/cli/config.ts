// The config file: `.palisade.yaml` found from the scanned paths upward to the repository root,
// else from the current directory; or --config FILE; or none with --no-config. Unknown keys and
// wrong types are errors that name the key's line — every error of the file at once, in file order.
import path from 'node:path';
import { UsageError } from '../model/errors.js';
import type { Severity } from '../model/types.js';
import { INPUT_KEYS, type ControlInputs } from '../controls/inputs.js';
import { parseKubernetesVersion } from '../inventory/rbac-exec.js';
import { parseSeverity, parseThreshold, type Threshold } from '../engine/gates.js';
import { parseYamlFile } from '../sources/files/yaml-file.js';
import { Validator } from './validate.js';
import { readExceptionList } from './exceptions-file.js';
import type { ExceptionRule } from '../engine/exceptions.js';
import { readSettingsFile } from './read-text-file.js';
import { findUp, startDirectory } from './find-up.js';
import { findFramework, frameworkNames } from '../frameworks/index.js';
import { resolveControl, unknownControlMessage } from '../engine/select.js';
import { didYouMean } from '../engine/suggest.js';
import { parsePssVersion } from '../controls/templates/pss.js';

export interface PalisadeConfig {
  file?: string;
  /** The frameworks to score, in order (`framework:` or `frameworks:`). */
  framework?: string[];
  inputs: Partial<ControlInputs>;
  disabledControls: string[];
  includeNamespaces?: string[];
  excludeNamespaces?: string[];
  /** false: palisade.dev/ignore annotations on resources are not honoured. */
  annotationExceptions?: boolean;
  gates: { failOn?: Severity; failOnPath?: Severity; complianceThreshold?: Threshold; minCoverage?: Threshold };
  exceptions: ExceptionRule[];
}

export const CONFIG_NAMES = ['.palisade.yaml', '.palisade.yml'];

const TOP_KEYS = ['framework', 'frameworks', 'inputs', 'disabledControls', 'includeNamespaces', 'excludeNamespaces', 'annotationExceptions', 'gates', 'exceptions'];
const GATE_KEYS = ['failOn', 'failOnPath', 'complianceThreshold', 'minCoverage'];
/** Inputs whose entries are regular expressions: a bad one is an error naming the entry. */
const REGEX_INPUTS: ReadonlySet<string> = new Set(['sensitiveValuePatterns', 'sensitiveKeyNamesAllowed', 'sensitiveValuesAllowed']);

export interface FoundConfig {
  /** The config file used, or undefined when none was found. */
  file?: string;
  /** Scanned paths whose nearest config is another file than the one used (a scan has one config). */
  notUsed: Array<{ file: string; path: string }>;
}

/**
 * The config of a scan, as ESLint and Prettier find theirs: for each scanned path, the nearest
 * `.palisade.yaml` (or `.palisade.yml`) in its directory or a directory above, up to the
 * repository root (the nearest directory with `.git`); the first scanned path that has one decides.
 * When no scanned path has one (or only standard input, a node or a cluster is scanned), the
 * same search from the current directory. File names are relative to the current directory when
 * they lie under it.
 */
export function findConfig(paths: string[], cwd = process.cwd()): FoundConfig {
  const found: Array<{ file: string; path: string }> = [];
  for (const p of paths) {
    const start = startDirectory(path.resolve(cwd, p));
    if (p === '-' || start === undefined) continue;
    const file = findUp(start, CONFIG_NAMES);
    if (file) found.push({ file, path: p });
  }
  const chosen = found[0]?.file ?? findUp(cwd, CONFIG_NAMES);
  if (!chosen) return { notUsed: [] };
  const shown = (f: string) => {
    const rel = path.relative(cwd, f);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : f;
  };
  const notUsed = found.filter((f) => f.file !== chosen).map((f) => ({ file: shown(f.file), path: f.path }));
  return { file: shown(chosen), notUsed };
}

export function loadConfig(file: string): PalisadeConfig {
  const text = readSettingsFile(file, 'config file');
  const parsed = parseYamlFile(text);
  if ('error' in parsed) throw new UsageError(`${file}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`);
  const config: PalisadeConfig = { file, inputs: {}, disabledControls: [], gates: {}, exceptions: [] };
  const doc = parsed.documents[0];
  if (!doc || doc.value === null || doc.value === undefined) return config;
  const v = new Validator(file, doc);
  // each key is checked on its own: a mistake in one does not hide the mistakes in the others
  return v.all(() => {
    const root = v.mapping([], TOP_KEYS);
    v.part(() => {
      // `framework: nsa` or `framework: nsa,mitre`, or a list under `framework:` or `frameworks:`
      for (const key of ['framework', 'frameworks'] as const) {
        if (root[key] === undefined) continue;
        if (config.framework) v.fail([key], 'give framework or frameworks, not both');
        const names = (typeof root[key] === 'string' ? v.string([key]).split(',') : v.stringList([key])).map((n) => n.trim()).filter(Boolean);
        if (!names.length) v.fail([key], 'names no framework');
        for (const name of names) {
          if (!findFramework(name)) v.fail([key], `unknown framework "${name}"${didYouMean(name, frameworkNames())} (known: ${frameworkNames().join(', ')})`);
        }
        config.framework = names;
      }
    });
    v.part(() => {
      if (root.disabledControls === undefined) return;
      const list = v.stringList(['disabledControls']);
      list.forEach((name, i) => {
        if (resolveControl(name).length === 0) v.report(['disabledControls', i], unknownControlMessage(name));
      });
      config.disabledControls = list;
    });
    for (const key of ['includeNamespaces', 'excludeNamespaces'] as const) {
      v.part(() => {
        if (root[key] !== undefined) config[key] = v.stringList([key]);
      });
    }
    v.part(() => {
      if (root.annotationExceptions === undefined) return;
      if (typeof root.annotationExceptions !== 'boolean') v.fail(['annotationExceptions'], 'must be true or false');
      config.annotationExceptions = root.annotationExceptions as boolean;
    });
    v.part(() => {
      if (root.inputs === undefined) return;
      const inputs = v.mapping(['inputs'], INPUT_KEYS as string[]);
      for (const key of INPUT_KEYS) {
        if (inputs[key] === undefined) continue;
        v.part(() => {
          if (key === 'kubernetesVersion') { // one string, not a list
            const version = inputs[key];
            if (typeof version !== 'string' || !parseKubernetesVersion(version)) v.fail(['inputs', key], 'must be a Kubernetes version such as "1.35" or "v1.34.2"');
            config.inputs[key] = String(version);
            return;
          }
          if (key === 'pssVersion') { // one string: v1.N or latest, as enforce-version writes it
            const version = inputs[key];
            if (typeof version !== 'string' || parsePssVersion(version) === undefined) v.fail(['inputs', key], 'must be a Pod Security Standards version such as "v1.34" or "latest"');
            config.inputs[key] = String(version);
            return;
          }
          const list = v.stringList(['inputs', key]);
          if (REGEX_INPUTS.has(key)) {
            list.forEach((pattern, i) => {
              try {
                new RegExp(pattern);
              } catch (e) {
                v.report(['inputs', key, i], `not a valid regular expression: ${(e as Error).message}`);
              }
            });
          }
          config.inputs[key] = list;
        });
      }
    });
    v.part(() => {
      if (root.exceptions !== undefined) config.exceptions = readExceptionList(v, doc, ['exceptions']);
    });
    v.part(() => {
      if (root.gates === undefined) return;
      const gates = v.mapping(['gates'], GATE_KEYS);
      v.part(() => {
        if (gates.failOn !== undefined) config.gates.failOn = v.wrap(['gates', 'failOn'], () => parseSeverity(String(gates.failOn), 'failOn'));
      });
      v.part(() => {
        if (gates.failOnPath !== undefined) config.gates.failOnPath = v.wrap(['gates', 'failOnPath'], () => parseSeverity(String(gates.failOnPath), 'failOnPath'));
      });
      for (const key of ['complianceThreshold', 'minCoverage'] as const) {
        v.part(() => {
          const value = gates[key];
          if (value === undefined) return;
          // a number for every framework, or framework → number
          if (typeof value === 'number') {
            config.gates[key] = v.wrap(['gates', key], () => parseThreshold(value, key));
            return;
          }
          if (value === null || typeof value !== 'object' || Array.isArray(value)) v.fail(['gates', key], `${key} must be a number from 0 to 100, or a mapping of framework to number`);
          const parts = Object.entries(value as Record<string, unknown>).map(([fw, n]) => {
            if (typeof n !== 'number') v.fail(['gates', key, fw], `${key}.${fw} must be a number from 0 to 100`);
            return `${fw}=${n}`;
          });
          config.gates[key] = v.wrap(['gates', key], () => parseThreshold(parts.join(','), key));
        });
      }
    });
    return config;
  });
}
