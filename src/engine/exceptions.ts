// Exceptions: findings a user has accepted, with a reason and optionally an end date. An excepted
// finding stays in every report with status `excepted` and the exception that matched; expired
// exceptions do not apply and warn; exceptions that matched nothing are listed.
import type { ExceptionRef, Finding, Resource, ScanReport } from '../model/types.js';
import type { Control } from '../controls/define.js';
import { CONTROLS } from '../controls/index.js';
import { controlNames, resolveControl } from './select.js';
import { didYouMean } from './suggest.js';
import { compileSelector, type CompiledSelector } from '../inventory/selectors.js';

export interface ResourceMatcher {
  kind?: string;
  namespace?: string;
  name?: string;
  /** Labels every matched resource carries (shorthand for a matchLabels selector). */
  labels?: Record<string, string>;
  /** A full label selector. */
  labelSelector?: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
  /** Kubescape posture exceptions compare attributes as regular expressions. */
  regex?: boolean;
}

export interface ExceptionRule {
  /** Where it was written: `file:line`, or `annotation on <resource>`. */
  source: string;
  /** Control ids, aliases or globs as written; empty = every control. */
  controls: string[];
  /** Any matcher may match; empty = every resource. */
  resources: ResourceMatcher[];
  reason: string;
  /** ISO date (YYYY-MM-DD): the exception applies up to and including that day. */
  expires?: string;
  /**
   * A vulnerability exception (see vulnerability-exceptions.ts) has `vulnerabilities` or `images`
   * (or both) and no controls or resources: advisory ids or aliases, globs allowed; empty = every
   * vulnerability of the images named.
   */
  vulnerabilities?: string[];
  /** The images a vulnerability exception applies to; empty or absent = every image. */
  images?: ImageMatcher[];
}

/** An image a vulnerability exception names: by reference or repository, optionally one package of it. */
export interface ImageMatcher {
  /** An image reference, compared normalised (`nginx:1.27` is `docker.io/library/nginx:1.27`). */
  reference?: string;
  /** A repository, every tag and digest of it (`nginx` is `docker.io/library/nginx`). */
  repository?: string;
  /** A package name (or its source package's name, as dpkg's `Source:`). */
  package?: string;
}

/** Whether a rule excepts vulnerabilities (it names vulnerabilities or images) rather than findings. */
export function isVulnerabilityRule(rule: ExceptionRule): boolean {
  return rule.vulnerabilities !== undefined || rule.images !== undefined;
}

/** What the exceptions did; the report's `exceptions` field. */
export type ExceptionAudit = ScanReport['exceptions'];

export const IGNORE_ANNOTATION = 'palisade.dev/ignore';
export const IGNORE_REASON_ANNOTATION = 'palisade.dev/ignore-reason';
export const IGNORE_UNTIL_ANNOTATION = 'palisade.dev/ignore-until';

/** Whether a control name pattern (id, alias, title, Kubescape name, or a glob of ids and aliases) names a control. */
export function controlPatternMatches(pattern: string, control: Pick<Control, 'id' | 'aliases'>): boolean {
  if (pattern.includes('*') || pattern.includes('?')) {
    const re = globToRegExp(pattern, true);
    return re.test(control.id) || control.aliases.some((a) => re.test(a));
  }
  return resolveControl(pattern).some((c) => c.id === control.id);
}

/** A pattern that names no registered control is a mistake the user must hear about. */
export function patternNamesAControl(pattern: string): boolean {
  return CONTROLS.some((c) => controlPatternMatches(pattern, c));
}

export function globToRegExp(glob: string, ignoreCase = false): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
}

interface CompiledMatcher {
  test(resource: Resource): boolean;
}

function compileMatcher(m: ResourceMatcher): CompiledMatcher {
  const text = (pattern: string | undefined): ((v: string | undefined) => boolean) => {
    if (pattern === undefined) return () => true;
    const re = m.regex ? new RegExp(`^(?:${pattern})$`) : globToRegExp(pattern);
    return (v) => v !== undefined && re.test(v);
  };
  const kind = text(m.kind), namespace = text(m.namespace), name = text(m.name);
  const selectors: CompiledSelector[] = [];
  if (m.labels && m.regex) {
    const tests = Object.entries(m.labels).map(([k, v]) => [k, new RegExp(`^(?:${v})$`)] as const);
    selectors.push({ empty: false, matches: (labels) => tests.every(([k, re]) => labels?.[k] !== undefined && re.test(labels[k])) });
  } else if (m.labels) selectors.push(compileSelector({ matchLabels: m.labels }));
  if (m.labelSelector) selectors.push(compileSelector(m.labelSelector));
  return {
    test: (r) => kind(r.kind) && namespace(r.kind === 'Namespace' ? r.name : r.effectiveNamespace) && name(r.name)
      && selectors.every((s) => s.matches(r.object.metadata.labels)),
  };
}

/** The exceptions a resource's own annotations declare. */
export function annotationExceptions(resource: Resource, warnings: string[]): ExceptionRule[] {
  const annotations = resource.object.metadata.annotations;
  const ids = annotations?.[IGNORE_ANNOTATION];
  if (typeof ids !== 'string') return [];
  const reason = annotations?.[IGNORE_REASON_ANNOTATION];
  const until = annotations?.[IGNORE_UNTIL_ANNOTATION];
  const where = `annotation ${IGNORE_ANNOTATION} on ${resource.id}`;
  if (typeof reason !== 'string' || reason.trim() === '') {
    warnings.push(`${where}: ignored, it has no ${IGNORE_REASON_ANNOTATION}`);
    return [];
  }
  if (until !== undefined && !isIsoDate(until)) {
    warnings.push(`${where}: ignored, ${IGNORE_UNTIL_ANNOTATION} "${until}" is not a YYYY-MM-DD date`);
    return [];
  }
  const controls = ids.split(',').map((s) => s.trim()).filter(Boolean);
  for (const c of controls) if (!patternNamesAControl(c)) warnings.push(`${where}: "${c}" names no control${didYouMean(c, controlNames())}`);
  return [{ source: where, controls, resources: [], reason: reason.trim(), ...(until ? { expires: until } : {}) }];
}

export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

/** Whether an exception has expired on `today` (it applies through its `expires` day). */
export function isExpired(rule: Pick<ExceptionRule, 'expires'>, today: Date): boolean {
  if (!rule.expires) return false;
  return today.toISOString().slice(0, 10) > rule.expires;
}

export interface ApplyOptions {
  /**
   * Whether resources may except themselves with the palisade.dev/ignore annotation (default
   * true). When false the annotations are not read, and a warning says how many resources carry one.
   */
  annotations?: boolean;
}

/** The warning of a scan that does not honour annotation exceptions, or undefined when no resource carries one. */
export function annotationsDisallowedWarning(resources: Iterable<Resource>): string | undefined {
  let annotated = 0;
  for (const r of resources) if (typeof r.object.metadata.annotations?.[IGNORE_ANNOTATION] === 'string') annotated++;
  if (annotated === 0) return undefined;
  return `annotation exceptions are not allowed (--no-annotation-exceptions, or annotationExceptions: false in the config): `
    + `${annotated} resource(s) with a ${IGNORE_ANNOTATION} annotation were not excepted`;
}

/**
 * Marks failed findings that an exception covers as excepted. Annotation exceptions apply to
 * their own resource only. Returns the audit: applied count, unmatched and expired exceptions.
 */
export function applyExceptions(
  findings: Finding[], rules: ExceptionRule[], resources: ReadonlyMap<string, Resource>, controls: ReadonlyMap<string, Control>,
  today: Date, warnings: string[], options: ApplyOptions = {},
): ExceptionAudit {
  const audit: ExceptionAudit = { applied: 0, unmatched: [], expired: [] };
  // vulnerability exceptions are applied to vulnerabilities (applyVulnerabilityExceptions), never to findings
  const fileRules = rules.filter((r) => !isVulnerabilityRule(r)).map((rule) => ({ rule, matchers: rule.resources.map(compileMatcher), hits: 0, expired: isExpired(rule, today) }));
  const annotationRules = new Map<string, typeof fileRules>();
  if (options.annotations === false) {
    const warning = annotationsDisallowedWarning(resources.values());
    if (warning) warnings.push(warning);
  } else {
    for (const r of resources.values()) {
      const own = annotationExceptions(r, warnings);
      if (own.length) annotationRules.set(r.id, own.map((rule) => ({ rule, matchers: [], hits: 0, expired: isExpired(rule, today) })));
    }
  }
  // no rules at all (most scans): nothing to look up for each finding
  for (let i = 0; (fileRules.length > 0 || annotationRules.size > 0) && i < findings.length; i++) {
    const f = findings[i];
    if (f.status !== 'failed') continue;
    const resource = resources.get(f.resourceId);
    const control = controls.get(f.controlId);
    if (!resource || !control) continue;
    const own = annotationRules.get(f.resourceId);
    const candidates = own ? [...own, ...fileRules] : fileRules;
    for (const c of candidates) {
      const controlOk = c.rule.controls.length === 0 || c.rule.controls.some((p) => controlPatternMatches(p, control));
      const resourceOk = c.matchers.length === 0 || c.matchers.some((m) => m.test(resource));
      if (!controlOk || !resourceOk) continue;
      c.hits++;
      if (c.expired) continue;
      f.status = 'excepted';
      const ref: ExceptionRef = { source: c.rule.source, reason: c.rule.reason };
      if (c.rule.expires) ref.expires = c.rule.expires;
      f.exception = ref;
      audit.applied++;
      break;
    }
  }
  for (const c of [...fileRules, ...[...annotationRules.values()].flat()]) {
    if (c.expired) {
      audit.expired.push({ source: c.rule.source, expires: c.rule.expires!, wouldMatch: c.hits });
      warnings.push(`exception ${c.rule.source} expired on ${c.rule.expires} and no longer applies`
        + (c.hits ? ` (${c.hits} finding(s) would match it)` : ''));
    } else if (c.hits === 0) {
      audit.unmatched.push({ source: c.rule.source, controls: c.rule.controls, reason: c.rule.reason });
    }
  }
  return audit;
}
