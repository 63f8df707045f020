// Effective security settings: the container's securityContext field over the pod's.
import type { PathSegments } from '../model/types.js';
import type { ContainerInfo, PodInfo } from './pods.js';
import { isObj } from '../model/guards.js';

/** Fields that exist in both PodSecurityContext and SecurityContext; the container's wins. */
export type SharedField =
  | 'runAsUser' | 'runAsGroup' | 'runAsNonRoot' | 'seLinuxOptions' | 'seccompProfile'
  | 'windowsOptions' | 'appArmorProfile';

export interface Effective<T = unknown> {
  value: T | undefined;
  /** Where the value is set, or where it would be set on the container when it is unset. */
  path: PathSegments;
  from: 'container' | 'pod' | 'unset';
}

export function containerSecurityContext(c: ContainerInfo): Record<string, any> {
  return isObj(c.spec.securityContext) ? c.spec.securityContext : {};
}

export function podSecurityContext(pod: PodInfo): Record<string, any> {
  return isObj(pod.spec.securityContext) ? pod.spec.securityContext : {};
}

export function effective<T = unknown>(pod: PodInfo, c: ContainerInfo, field: SharedField): Effective<T> {
  const own = containerSecurityContext(c)[field];
  if (own !== undefined && own !== null) return { value: own as T, path: [...c.path, 'securityContext', field], from: 'container' };
  const inherited = podSecurityContext(pod)[field];
  if (inherited !== undefined && inherited !== null) {
    return { value: inherited as T, path: [...pod.specPath, 'securityContext', field], from: 'pod' };
  }
  return { value: undefined, path: [...c.path, 'securityContext', field], from: 'unset' };
}
