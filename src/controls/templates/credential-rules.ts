// Helper, not a control: whether a name/value pair is a credential, by the name rules
// (secret-names.ts) and the value rules (secret-patterns.ts) with the config's inputs. Used by
// pod/credentials-in-config and, through its credentialReason, by the redaction of `fix --dry-run`.
import type { ControlInputs } from '../inputs.js';
import { compileNameRules, hasPublicIdShape, notACredentialByName, sensitiveName, type NameMatch, type NameRules } from './secret-names.js';
import { awsKeyId, awsSecretKey, findSecret, MAX_EXAMINED, type SecretMatch } from './secret-patterns.js';

interface Rules {
  names: NameRules;
  /** inputs.sensitiveValuePatterns, named by position. */
  custom: Array<{ re: RegExp; label: string }>;
  valuesAllowed: RegExp[];
  /**
   * What the rules say of each name and value seen (manifests repeat env names and many values):
   * a scan asks about every env var, argument, annotation and ConfigMap entry. Up to MEMO entries each.
   */
  byName: Map<string, NameMatch | null>;
  byValue: Map<string, ValueVerdict>;
}

/**
 * What a value says: never a credential (allowed), never one by name (blank, a path, a reference…;
 * worked out when a name asks), and what it looks like.
 */
interface ValueVerdict { allowed: boolean; notByName: boolean | undefined; looks: Pick<SecretMatch, 'label' | 'shown'> | undefined }

const MEMO = 10_000;
const compiled = new WeakMap<ControlInputs, Rules>();

function rulesFor(inputs: ControlInputs): Rules {
  let rules = compiled.get(inputs);
  if (!rules) {
    rules = {
      names: compileNameRules(inputs.sensitiveKeyNames, inputs.sensitiveKeyNamesAllowed ?? []),
      custom: inputs.sensitiveValuePatterns.map((source, i) => ({
        re: new RegExp(source), label: `a credential (value pattern #${i + 1} of sensitiveValuePatterns)`,
      })),
      valuesAllowed: (inputs.sensitiveValuesAllowed ?? []).map((source) => new RegExp(source)),
      byName: new Map(),
      byValue: new Map(),
    };
    compiled.set(inputs, rules);
  }
  return rules;
}

function valueVerdict(value: string, rules: Rules): ValueVerdict {
  const known = rules.byValue.get(value);
  if (known) return known;
  const text = value.length > MAX_EXAMINED ? value.slice(0, MAX_EXAMINED) : value;
  let verdict: ValueVerdict;
  if (rules.valuesAllowed.some((re) => re.test(text))) {
    verdict = { allowed: true, notByName: true, looks: undefined };
  } else {
    const custom = rules.custom.find((c) => c.re.test(text));
    verdict = { allowed: false, notByName: undefined, looks: findSecret(text) ?? (custom && { label: custom.label, shown: '' }) };
  }
  if (rules.byValue.size < MEMO) rules.byValue.set(value, verdict);
  return verdict;
}

function nameVerdict(name: string, rules: Rules): NameMatch | undefined {
  let known = rules.byName.get(name);
  if (known === undefined) {
    known = sensitiveName(name, rules.names) ?? null;
    if (rules.byName.size < MEMO) rules.byName.set(name, known);
  }
  return known ?? undefined;
}

/** `a GitHub personal access token (ghp_****)`: what it looks like, with its redacted form. */
export function looksLike(m: Pick<SecretMatch, 'label' | 'shown'>): string {
  return m.shown ? `${m.label} (${m.shown})` : m.label;
}

/**
 * Why a name/value pair looks like a credential, or undefined; `name` '' judges the value alone.
 * The result never contains the value: it names the rule, with the format's public prefix at most.
 */
export function credentialReason(name: string, value: unknown, inputs: ControlInputs): string | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') value = String(value);
  if (typeof value !== 'string') return undefined;
  const rules = rulesFor(inputs);
  const v = valueVerdict(value, rules);
  if (v.allowed) return undefined;
  let n = name === '' ? undefined : nameVerdict(name, rules);
  if (n && (v.notByName ??= notACredentialByName(value.length > MAX_EXAMINED ? value.slice(0, MAX_EXAMINED) : value))) n = undefined;
  const byName = n && !(n.keyId && hasPublicIdShape(value)) ? n : undefined;
  const named = byName && (byName.keyId
    ? `its name contains "${byName.entry}" and its value is not shaped like a public key id`
    : `its name contains "${byName.entry}"`);
  if (named && v.looks) return `${named} and its value looks like ${looksLike(v.looks)}`;
  if (named) return named;
  if (v.looks) return `its value looks like ${looksLike(v.looks)}`;
  return undefined;
}

/** Whether `name` marks a credential by the name rules (before any value is looked at). */
export function sensitiveNameOf(name: string, inputs: ControlInputs): boolean {
  return nameVerdict(name, rulesFor(inputs)) !== undefined;
}

export { awsKeyId, awsSecretKey };
