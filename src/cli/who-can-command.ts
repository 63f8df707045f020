// `palisade who-can VERB RESOURCE [-n NS] [PATH...]` and `palisade who-can --subject KIND:NAME`:
// RBAC questions answered from the same inventory a scan builds.
import { UsageError } from '../model/errors.js';
import { Inventory } from '../inventory/index.js';
import { describeSubject, parseResource, subjectKey, type RbacBinding, type RbacRule, type RbacSubject, type Request, type SubjectKind } from '../inventory/rbac.js';
import { getNote, podSubresourceRequests } from '../inventory/rbac-exec.js';
import { readSources, type SourceFlags } from './sources.js';
import { EXIT } from './exit-codes.js';
import { formatError } from './scan-command.js';
import { writeLine } from './terminal.js';
import { escapeControls } from '../report/safe-text.js';

export interface WhoCanFlags extends Pick<SourceFlags, 'cluster' | 'context' | 'kubeconfig' | 'requestTimeout'> {
  namespace?: string;
  subject?: string;
  format?: string;
}

/** What `who-can --cluster` lists: the RBAC objects, nothing else. */
const RBAC_KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

interface Answer {
  subject: RbacSubject;
  binding: { kind: string; name: string; namespace?: string; location?: string };
  role: { kind: string; name: string; builtIn: boolean };
  rule: { role: string; verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames: string[]; nonResourceURLs: string[]; location?: string };
  scope: string;
  /** Why this grant answers a question asked with exec, attach or portforward (`get pods/exec`: …). */
  note?: string;
}

export async function runWhoCan(args: string[], flags: WhoCanFlags): Promise<number> {
  const format = flags.format ?? 'pretty';
  if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format: unknown format "${format}" (pretty or json)`);
  let verb: string | undefined, resourceText: string | undefined, paths: string[];
  if (flags.subject) {
    paths = args;
  } else {
    [verb, resourceText, ...paths] = args;
    if (!verb || !resourceText) throw new UsageError('who-can: give VERB RESOURCE (for example: who-can get secrets), or --subject KIND:NAME');
  }
  if (flags.cluster && paths.length) throw new UsageError('who-can --cluster answers from the cluster: give no paths');
  const input = await readSources(paths, { ...flags, quiet: flags.format === 'json' }, { clusterKinds: RBAC_KINDS });
  const rbac = new Inventory(input.resources).rbac();
  for (const w of input.warnings) writeLine(process.stderr, `palisade: warning: ${w}`);
  const unreadable = input.unreadable ?? [];

  let answers: Answer[];
  let question: string;
  if (flags.subject) {
    const subject = parseSubject(flags.subject, flags.namespace);
    question = `What can ${describeSubject(subject)} do`;
    answers = rbac.bindingsOf(subject).flatMap((b) => b.rules.map((rule) => answer(subject, b, rule)));
  } else {
    question = `Who can ${verb} ${resourceText}${flags.namespace ? ` in namespace ${flags.namespace}` : ' (in any namespace)'}`;
    const version = input.targets.find((t) => t.type === 'cluster' && t.version)?.version;
    answers = [];
    const seen = new Set<string>();
    for (const request of requestsFor(verb!, resourceText!, flags.namespace, version)) {
      for (const g of rbac.whoCan(request)) {
        const key = `${subjectKey(g.subject)}\u0000${g.binding.binding.id}\u0000${g.rule.roleName}\u0000${g.rule.path.join('.')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const a = answer(g.subject, g.binding, g.rule);
        if (request.verb !== verb) a.note = `${request.verb} pods/${request.subresource}${request.verb === 'get' ? `: ${getNote(version)}` : ''}`;
        answers.push(a);
      }
    }
  }
  const missing = rbac.bindings.filter((b) => b.roleMissing);

  if (format === 'json') {
    process.stdout.write(JSON.stringify({
      question, answers,
      unresolvedBindings: missing.map((b) => ({ kind: b.binding.kind, name: b.binding.name, namespace: b.binding.namespace, roleRef: b.roleRef })),
      errors: input.errors,
      ...(unreadable.length ? { unreadable } : {}),
    }, null, 2) + '\n');
  } else {
    const out = [`${question}? (${rbac.bindings.length} binding(s) in the input)`];
    if (answers.length === 0) out.push('  nobody, as far as the input shows');
    for (const a of answers) {
      out.push(`  ${describeSubject(a.subject)}  ${a.scope}`);
      out.push(`      via ${a.binding.kind} ${a.binding.namespace ? `${a.binding.namespace}/` : ''}${a.binding.name}`
        + ` → ${a.role.kind} ${a.role.name}${a.role.builtIn ? ' (built-in)' : ''}${a.binding.location ? `  ${a.binding.location}` : ''}`);
      out.push(`      rule${a.rule.role !== a.role.name ? ` (from ${a.rule.role})` : ''}: ${describeRule(a.rule)}${a.rule.location ? `  ${a.rule.location}` : ''}`);
      if (a.note) out.push(`      as ${a.note}`);
    }
    if (missing.length) {
      out.push('', `Not resolved: ${missing.length} binding(s) whose role is not in the input (their permissions are unknown):`);
      for (const b of missing) out.push(`  ${b.binding.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.binding.name} → ${b.roleRef.kind} ${b.roleRef.name}`);
    }
    if (unreadable.length) {
      out.push('', `Incomplete: ${unreadable.map((u) => u.kind).join(', ')} could not be read, so the answer may leave out subjects:`);
      for (const u of unreadable) out.push(`  ${u.kind}: ${u.reason}`);
    }
    // each entry is one line, escaped: subject, binding and role names come from the input
    process.stdout.write(out.map(escapeControls).join('\n') + '\n');
  }
  // an answer without some RBAC objects is not an answer: exit 3, as for input that could not be read
  if (unreadable.length) return EXIT.INPUT;
  if (input.errors.length) {
    for (const e of input.errors) writeLine(process.stderr, `palisade: ${formatError(e)}`);
    return EXIT.INPUT;
  }
  return EXIT.OK;
}

/** Verbs people say for pod subresources: `exec pods` is create (and, before 1.35, get) on pods/exec. */
const POD_ACTIONS: Record<string, string> = { exec: 'exec', attach: 'attach', portforward: 'portforward', 'port-forward': 'portforward' };

/** The RBAC requests a question stands for: itself, or for `exec pods` and the like the subresource requests. */
export function requestsFor(verb: string, resourceText: string, namespace: string | undefined, version: string | undefined): Request[] {
  const parsed = parseResource(resourceText);
  const sub = POD_ACTIONS[verb];
  if (sub && parsed.resource === 'pods' && !parsed.subresource && (parsed.group ?? '') === '') {
    return podSubresourceRequests(sub, version, namespace);
  }
  return [{ verb, ...parsed, namespace }];
}

const KINDS: Record<string, SubjectKind> = {
  serviceaccount: 'ServiceAccount', sa: 'ServiceAccount', user: 'User', group: 'Group',
};

/** `ServiceAccount:ns/name`, `ServiceAccount:name` (with -n), `User:alice`, `Group:devs`. */
export function parseSubject(text: string, namespace?: string): RbacSubject {
  const colon = text.indexOf(':');
  const kind = colon > 0 ? KINDS[text.slice(0, colon).toLowerCase()] : undefined;
  const rest = colon > 0 ? text.slice(colon + 1) : '';
  if (!kind || !rest) throw new UsageError(`--subject: expected KIND:NAME with KIND ServiceAccount, User or Group (got "${text}")`);
  if (kind !== 'ServiceAccount') return { kind, name: rest };
  const slash = rest.indexOf('/');
  if (slash > 0) return { kind, namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
  return { kind, namespace: namespace ?? 'default', name: rest };
}

function answer(subject: RbacSubject, b: RbacBinding, rule: RbacRule): Answer {
  const where = (loc: ReturnType<NonNullable<typeof b.binding.locate>> | undefined) => (loc?.line ? `${loc.file}:${loc.line}` : loc?.file);
  return {
    subject,
    binding: { kind: b.binding.kind, name: b.binding.name, namespace: b.namespace, location: where(b.binding.locate?.([])) },
    role: { kind: b.roleRef.kind, name: b.roleRef.name, builtIn: b.builtInRole },
    rule: {
      role: rule.roleName, verbs: rule.verbs, apiGroups: rule.apiGroups, resources: rule.resources,
      resourceNames: rule.resourceNames, nonResourceURLs: rule.nonResourceURLs,
      location: rule.role ? where(rule.role.locate?.(rule.path)) : undefined,
    },
    scope: b.namespace ? `in namespace ${b.namespace}` : 'cluster-wide',
  };
}

export function describeRule(r: Pick<RbacRule, 'verbs' | 'apiGroups' | 'resources' | 'resourceNames' | 'nonResourceURLs'>): string {
  const parts = [`verbs [${r.verbs.join(', ')}]`];
  if (r.resources.length) parts.push(`resources [${r.resources.join(', ')}]`);
  if (r.apiGroups.length) parts.push(`apiGroups [${r.apiGroups.map((g) => (g === '' ? '""' : g)).join(', ')}]`);
  if (r.resourceNames.length) parts.push(`only named [${r.resourceNames.join(', ')}]`);
  if (r.nonResourceURLs.length) parts.push(`nonResourceURLs [${r.nonResourceURLs.join(', ')}]`);
  return parts.join(' ');
}
