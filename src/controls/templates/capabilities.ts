// Helper, not a template: reading a container's Linux capabilities. Used by pod/capabilities-not-dropped and
// pod/dangerous-capabilities, which judge different lists (drop must hold ALL; add must hold nothing dangerous).
import type { ContainerInfo } from '../../inventory/index.js';
import { containerSecurityContext } from '../../inventory/security-context.js';

/** The container's securityContext.capabilities.<list> as written (undefined when capabilities is not an object). */
export function capabilityList(container: ContainerInfo, list: 'add' | 'drop'): unknown {
  const capabilities = containerSecurityContext(container).capabilities;
  return typeof capabilities === 'object' && capabilities !== null ? capabilities[list] : undefined;
}

/** One name per capability: `cap_sys_admin`, `CAP_SYS_ADMIN` and `SYS_ADMIN` are `SYS_ADMIN`; `ALL`, `all` and `CAP_ALL` are `ALL`. */
export function capabilityName(cap: string): string {
  const upper = cap.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}
