// Attack paths (issue 14): chains of findings and vulnerabilities that hold on one workload. Types only.
import type { ExceptionRef, Severity, SourceLocation } from './types.js';

/** The steps of a path, in the order an attacker takes them (MITRE ATT&CK tactic names). */
export type AttackTactic = 'initial-access' | 'execution' | 'privilege-escalation' | 'credential-access' | 'lateral-movement' | 'impact';
export const ATTACK_TACTICS: readonly AttackTactic[] = [
  'initial-access', 'execution', 'privilege-escalation', 'credential-access', 'lateral-movement', 'impact',
];

/**
 * What fixing one link does to its path, found by building the path again without it: `removes`
 * (no path is left), `shortens` (a step goes), `weakens` (every step still holds through another link).
 */
export type LinkEffect = 'removes' | 'shortens' | 'weakens';

/** One finding or vulnerability of the report that backs a step. */
export interface AttackLink {
  /** `finding` (then controlId and path) or `vulnerability` (then vulnerabilityId, image and package). */
  type: 'finding' | 'vulnerability';
  controlId?: string;
  vulnerabilityId?: string;
  image?: string;
  package?: string;
  /** The resource the finding is on (a Service, a binding, the workload), or the workload for a vulnerability. */
  resourceId: string;
  /** The failing path of the finding that backs the step (report form), when it is one path of several. */
  path?: string;
  severity: Severity;
  status: 'failed' | 'excepted';
  exception?: ExceptionRef;
  /** What it allows, in one line (the finding's path message, or the advisory's id and package). */
  message: string;
  /** What to change to break the link. */
  change: string;
  location?: SourceLocation;
  /** Set on a path's `links` (failed ones): what fixing this link alone does to the path. */
  effect?: LinkEffect;
}

export interface AttackStep {
  tactic: AttackTactic;
  /** What the attacker gains, in a few words: `reachable from outside the cluster`, `escape to the node`. */
  title: string;
  /** Any one of these holds the step (an alternative each). */
  via: AttackLink[];
  /** All of these are needed as well (the mounted token a grant is reached through). */
  requires?: AttackLink[];
  /** For lateral movement: the workloads it reaches (resource ids, sorted; at most 20) and how many in all. */
  reaches?: string[];
  reachCount?: number;
  weight: number;
}

export interface AttackPath {
  /** `<workload resource id>`: one path per workload. */
  id: string;
  workload: { resourceId: string; kind: string; namespace?: string; name: string; replicas: number };
  /** `open`, or `excepted` when it holds only through excepted findings (exceptions broke it). */
  status: 'open' | 'excepted';
  severity: Severity;
  score: number;
  steps: AttackStep[];
  /** Every failed link, each with its effect: `removes` first, then by severity. */
  links: AttackLink[];
  /** Excepted findings or vulnerabilities that would have added a step or a link: the exception broke it. */
  brokenBy: AttackLink[];
}
