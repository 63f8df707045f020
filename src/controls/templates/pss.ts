// Helper, not a control: what the Pod Security Standards controls (src/controls/pss/) share — the
// policy version they judge at, and pod-security-admission's way of visiting containers and reading
// security contexts (k8s.io/pod-security-admission/policy/visitor.go, check_*.go).
import type { ControlInputs } from '../inputs.js';
import type { ContainerInfo, PodInfo } from '../../inventory/index.js';
import { isObj } from '../../model/guards.js';

/** The newest policy version whose checks Palisade implements: the default of --pss-version. */
export const PSS_NEWEST_MINOR = 34;

/**
 * A policy version as Pod Security Admission writes it (k8s.io/pod-security-admission/api
 * ParseVersion: `latest` or `v1.N`), also `1.N` and a server's `v1.N.P` (a cluster's gitVersion).
 * Returns the minor version, or undefined when the text is not a version.
 */
export function parsePssVersion(text: string): number | 'latest' | undefined {
  const t = text.trim();
  if (t === 'latest') return 'latest';
  const m = /^v?1\.(0|[1-9]\d{0,3})(?:\.\d+)?(?:[+-][\w.+-]*)?$/.exec(t);
  return m ? Number(m[1]) : undefined;
}

/**
 * The minor version a check is judged at. PSA evaluates each check with its newest implementation
 * whose MinimumVersion is at most the requested version (policy/checks.go, policy/registry.go), so
 * a version newer than the newest implemented here is judged as the newest: the same checks.
 */
export function pssMinor(inputs: ControlInputs): number {
  const v = inputs.pssVersion === undefined ? 'latest' : parsePssVersion(inputs.pssVersion);
  return v === undefined || v === 'latest' ? PSS_NEWEST_MINOR : v;
}

/** `v1.34`, for messages. */
export function pssVersionText(inputs: ControlInputs): string {
  return `v1.${pssMinor(inputs)}`;
}

/** The security context of a container, or undefined (PSA tests `container.SecurityContext != nil`). */
export function containerSC(c: ContainerInfo): Record<string, any> | undefined {
  return isObj(c.spec.securityContext) ? c.spec.securityContext : undefined;
}

/** The pod's security context, or undefined. */
export function podSC(pod: PodInfo): Record<string, any> | undefined {
  return isObj(pod.spec.securityContext) ? pod.spec.securityContext : undefined;
}

/**
 * `visitContainers` of policy/visitor.go visits containers, initContainers and ephemeralContainers:
 * the inventory's `pod.containers` holds the three lists.
 */
export function podContainers(pod: PodInfo): ContainerInfo[] {
  return pod.containers;
}

/** The pod's `spec.os.name` is `windows` (`podSpec.OS != nil && podSpec.OS.Name == corev1.Windows`). */
export function windowsPod(pod: PodInfo): boolean {
  return isObj(pod.spec.os) && pod.spec.os.name === 'windows';
}

/** The pod sets `hostUsers: false`: it runs in a user namespace. */
export function userNamespaced(pod: PodInfo): boolean {
  return pod.spec.hostUsers === false;
}

/** The pod template's annotations (PSA's podMetadata.Annotations). */
export function podAnnotations(pod: PodInfo): Record<string, unknown> {
  return isObj(pod.metadata.annotations) ? pod.metadata.annotations : {};
}

/** A string field as Go would read it: a missing or non-string value is the empty string. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
