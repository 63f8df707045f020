// Loading exceptions: Palisade's YAML format (an `exceptions:` list, in its own file or in the
// config file) and Kubescape's posture-exception JSON. A missing or invalid file is a usage error
// (exit 2) naming the line: an exceptions file that silently fails to load would turn a CI gate
// into a lie.
import { UsageError } from '../model/errors.js';
import type { PathSegments } from '../model/types.js';
import { isIsoDate, patternNamesAControl, type ExceptionRule, type ResourceMatcher } from '../engine/exceptions.js';
import { parseYamlFile, type PositionedDocument } from '../sources/files/yaml-file.js';
import { readSettingsFile } from './read-text-file.js';
import { Validator } from './validate.js';
import { controlNames } from '../engine/select.js';
import { didYouMean } from '../engine/suggest.js';
import { readVulnerabilityParts, VULNERABILITY_KEYS } from './vulnerability-exceptions-file.js';

const ENTRY_KEYS = ['controls', 'resources', 'reason', 'expires', ...VULNERABILITY_KEYS];
const RESOURCE_KEYS = ['kind', 'namespace', 'name', 'labels', 'labelSelector'];

export function loadExceptionsFile(file: string): ExceptionRule[] {
  const text = readSettingsFile(file, 'exceptions file');
  const parsed = parseYamlFile(text);
  if ('error' in parsed) throw new UsageError(`${file}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`);
  const doc = parsed.documents[0];
  if (!doc) throw new UsageError(`${file}: the exceptions file is empty`);
  const v = new Validator(file, doc);
  if (Array.isArray(doc.value)) return v.all(() => readKubescape(v, doc));
  return v.all(() => {
    v.mapping([], ['exceptions']);
    return readExceptionList(v, doc, ['exceptions']);
  });
}

/**
 * Reads Palisade's `exceptions:` list at `base` of an already parsed document (also used by the
 * config file). Errors go to the validator: an entry with a mistake is left out and the others are
 * still checked; the caller throws them all.
 */
export function readExceptionList(v: Validator, doc: PositionedDocument, base: PathSegments): ExceptionRule[] {
  const list = v.get(base);
  if (!Array.isArray(list)) v.fail(base, 'must be a list of exceptions');
  const rules: ExceptionRule[] = [];
  (list as unknown[]).forEach((_, i) => {
    const rule = v.part(() => readEntry(v, doc, [...base, i]));
    if (rule) rules.push(rule);
  });
  return rules;
}

function readEntry(v: Validator, doc: PositionedDocument, at: PathSegments): ExceptionRule {
  const entry = v.mapping(at, ENTRY_KEYS);
  if (entry.vulnerabilities !== undefined || entry.images !== undefined) {
    const parts = readVulnerabilityParts(v, at, entry);
    const reason = v.string([...at, 'reason']);
    if (reason.trim() === '') v.fail([...at, 'reason'], 'a reason is required');
    const expires = readDate(v, [...at, 'expires']);
    return { source: `${v.fileName}:${doc.at(at).line}`, controls: [], resources: [], reason, ...(expires ? { expires } : {}), ...parts };
  }
  const controls = entry.controls === undefined ? [] : v.stringList([...at, 'controls']);
  controls.forEach((c, j) => {
    if (!patternNamesAControl(c)) v.report([...at, 'controls', j], `"${c}" names no control${didYouMean(c, controlNames())} (see 'palisade list controls')`);
  });
  const reason = v.string([...at, 'reason']);
  if (reason.trim() === '') v.fail([...at, 'reason'], 'a reason is required');
  const expires = readDate(v, [...at, 'expires']);
  const resources: ResourceMatcher[] = [];
  if (entry.resources !== undefined) {
    const rs = v.get([...at, 'resources']);
    if (!Array.isArray(rs)) v.fail([...at, 'resources'], 'must be a list of resource matchers');
    (rs as unknown[]).forEach((_r, j) => {
      const rp = [...at, 'resources', j];
      const r = v.mapping(rp, RESOURCE_KEYS);
      if (Object.keys(r).length === 0) v.fail(rp, 'an empty matcher would match everything: name a kind, namespace, name or labels');
      const m: ResourceMatcher = {};
      for (const key of ['kind', 'namespace', 'name'] as const) {
        const s = v.optionalString([...rp, key]);
        if (s !== undefined) m[key] = s;
      }
      if (r.labels !== undefined) m.labels = stringMap(v, [...rp, 'labels']);
      if (r.labelSelector !== undefined) {
        const sel = v.mapping([...rp, 'labelSelector'], ['matchLabels', 'matchExpressions']);
        m.labelSelector = {};
        if (sel.matchLabels !== undefined) m.labelSelector.matchLabels = stringMap(v, [...rp, 'labelSelector', 'matchLabels']);
        if (sel.matchExpressions !== undefined) {
          const exprs = v.get([...rp, 'labelSelector', 'matchExpressions']);
          if (!Array.isArray(exprs)) v.fail([...rp, 'labelSelector', 'matchExpressions'], 'must be a list');
          m.labelSelector.matchExpressions = (exprs as unknown[]).map((_e, k) => {
            const ep = [...rp, 'labelSelector', 'matchExpressions', k];
            v.mapping(ep, ['key', 'operator', 'values']);
            const operator = v.string([...ep, 'operator']);
            if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(operator)) v.fail([...ep, 'operator'], `unknown operator "${operator}"`);
            const values = v.get([...ep, 'values']) === undefined ? undefined : v.stringList([...ep, 'values']);
            return { key: v.string([...ep, 'key']), operator, ...(values ? { values } : {}) };
          });
        }
      }
      resources.push(m);
    });
  }
  const line = doc.at(at).line;
  return { source: `${v.fileName}:${line}`, controls, resources, reason, ...(expires ? { expires } : {}) };
}

function readDate(v: Validator, p: PathSegments): string | undefined {
  const raw = v.get(p);
  if (raw === undefined) return undefined;
  if (!isIsoDate(raw)) v.fail(p, `must be a date written YYYY-MM-DD (quote it), got ${JSON.stringify(raw)}`);
  return raw as string;
}

function stringMap(v: Validator, p: PathSegments): Record<string, string> {
  const m = v.get(p);
  if (typeof m !== 'object' || m === null || Array.isArray(m)) v.fail(p, 'must be a mapping of label keys to values');
  for (const [k, val] of Object.entries(m as object)) if (typeof val !== 'string') v.fail([...p, k], 'must be a string');
  return m as Record<string, string>;
}

/**
 * Kubescape's posture exceptions: a JSON array of policies, each with `resources` (designators
 * whose `attributes` — namespace, kind, name, and any other key as a label — are regular
 * expressions) and `posturePolicies` (controlID / controlName / frameworkName; none = all).
 */
function readKubescape(v: Validator, doc: PositionedDocument): ExceptionRule[] {
  const rules: ExceptionRule[] = [];
  (doc.value as unknown[]).forEach((_, i) => {
    const rule = v.part(() => readKubescapeEntry(v, doc, i));
    if (rule) rules.push(rule);
  });
  return rules;
}

function readKubescapeEntry(v: Validator, doc: PositionedDocument, i: number): ExceptionRule {
  const at = [i];
  const entry = v.mapping(at, ['name', 'policyType', 'actions', 'resources', 'posturePolicies', 'creationTime', 'reason', 'expirationDate', 'guid', 'attributes']);
  const name = entry.name === undefined ? `#${i}` : v.string([...at, 'name']);
  const controls: string[] = [];
  const policies = v.get([...at, 'posturePolicies']);
  if (policies !== undefined) {
    if (!Array.isArray(policies)) v.fail([...at, 'posturePolicies'], 'must be a list');
    (policies as unknown[]).forEach((_p, j) => {
      const pp = [...at, 'posturePolicies', j];
      const p = v.mapping(pp, ['frameworkName', 'controlID', 'controlName', 'ruleName', 'severityScore']);
      if (typeof p.controlID === 'string') {
        if (!patternNamesAControl(p.controlID)) v.fail([...pp, 'controlID'], `"${p.controlID}" names no Palisade control${didYouMean(p.controlID, controlNames())}`);
        controls.push(p.controlID);
      } else if (typeof p.controlName === 'string') {
        // Kubescape's control names ("Privileged container") resolve as they do in --controls
        if (!patternNamesAControl(p.controlName)) v.fail([...pp, 'controlName'], `"${p.controlName}" names no Palisade control${didYouMean(p.controlName, controlNames())}`);
        controls.push(p.controlName);
      } else if (p.controlName !== undefined || p.ruleName !== undefined) {
        v.fail(pp, 'name controls with controlID or controlName (ruleName is not supported)');
      }
    });
  }
  const resources: ResourceMatcher[] = [];
  const rs = v.get([...at, 'resources']);
  if (rs !== undefined) {
    if (!Array.isArray(rs)) v.fail([...at, 'resources'], 'must be a list');
    (rs as unknown[]).forEach((_r, j) => {
      const rp = [...at, 'resources', j];
      v.mapping(rp, ['designatorType', 'attributes', 'wlid', 'sid']);
      const attrs = v.get([...rp, 'attributes']);
      if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) v.fail(rp, 'only designatorType "Attributes" with an attributes map is supported');
      const m: ResourceMatcher = { regex: true };
      const labels: Record<string, string> = {};
      for (const [k, val] of Object.entries(attrs as Record<string, unknown>)) {
        if (typeof val !== 'string') v.fail([...rp, 'attributes', k], 'must be a string');
        try {
          new RegExp(val as string);
        } catch {
          v.fail([...rp, 'attributes', k], 'is not a valid regular expression');
        }
        if (k === 'namespace' || k === 'kind' || k === 'name') m[k] = val as string;
        else if (k !== 'cluster') labels[k] = val as string;
      }
      if (Object.keys(labels).length) m.labels = labels;
      resources.push(m);
    });
  }
  const reason = typeof entry.reason === 'string' && entry.reason.trim() ? entry.reason : `Kubescape posture exception "${name}"`;
  const expiration = typeof entry.expirationDate === 'string' ? entry.expirationDate.slice(0, 10) : undefined;
  return {
    source: `${v.fileName}:${doc.at(at).line}`, controls, resources, reason,
    ...(expiration && isIsoDate(expiration) ? { expires: expiration } : {}),
  };
}
