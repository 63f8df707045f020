// Helper, not a template: reading a container's Linux capabilities. Used by pod/capabilities-not-dropped,
// pod/dangerous-capabilities and pod/capabilities-added, which judge different lists (drop must hold
// ALL; add must hold nothing dangerous, or only NET_BIND_SERVICE).
import { describeContainer, type ContainerInfo } from '../../inventory/index.js';
import { containerSecurityContext } from '../../inventory/security-context.js';
import { formatPath } from '../../model/paths.js';
import { editFix, type CheckContext, type Edit } from '../define.js';

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

/**
 * Fails each entry of the container's capabilities.add that `forbidden` picks, at its index, with
 * `message(entry as written)`. Every failing entry's fix leaves the same list (all forbidden entries
 * out): whichever is applied first does the work, and the others find it done, without one index
 * shifting under another.
 */
export function failAddedCapabilities(
  container: ContainerInfo, ctx: CheckContext, forbidden: (cap: unknown) => boolean, message: (shown: string) => string,
): void {
  const add = capabilityList(container, 'add');
  if (!Array.isArray(add)) return;
  const addPath = [...container.path, 'securityContext', 'capabilities', 'add'];
  const shown = (cap: unknown): string => (typeof cap === 'string' ? cap : JSON.stringify(cap));
  const kept = add.filter((cap) => !forbidden(cap));
  const edit: Edit = kept.length ? { op: 'set', path: addPath, value: kept } : { op: 'remove', path: addPath };
  const removed = add.filter(forbidden).map(shown).join(', ');
  add.forEach((cap, i) => {
    if (!forbidden(cap)) return;
    ctx.fail([...addPath, i], `${describeContainer(container)} adds ${message(shown(cap))}`, {
      fix: editFix(`remove ${removed} from ${formatPath(addPath)}`, [edit], { review: 'the container adds this capability itself: it may need it' }),
    });
  });
}
