// Template, not a control: a container must set resources.limits.<resource>. Used by pod/cpu-limits and pod/memory-limits.
import { describeContainer } from '../../inventory/index.js';
import type { CheckContext, ContainerTarget } from '../define.js';
import { isObj } from '../../model/guards.js';

/** The check of a control that fails a container without resources.limits.<resource>; `label` names it in messages. */
export function checkResourceLimit(resource: 'cpu' | 'memory', label: string) {
  return ({ container }: ContainerTarget, ctx: CheckContext): void => {
    const resources: unknown = container.spec.resources;
    const limits: unknown = isObj(resources) ? resources.limits : undefined;
    const value: unknown = isObj(limits) ? limits[resource] : undefined;
    if (value !== undefined && value !== null && value !== '') return;
    ctx.fail([...container.path, 'resources', 'limits', resource], `${describeContainer(container)} has no ${label} limit (resources.limits.${resource} is not set)`, {
      fix: { description: `set resources.limits.${resource} to the most ${label} the container should use` },
    });
  };
}
