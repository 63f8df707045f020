import { defineControl } from '../define.js';
import type { PathSegments } from '../../model/types.js';
import { componentControl, failAt, failFlag, failInConfig, shown } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

/** Reports one failing path with this message. */
type Report = (message: string) => void;

export default defineControl({
  id: 'apiserver-authorization',
  aliases: ['C-0118', 'C-0119', 'C-0120', 'C-0088'],
  title: 'API server authorization is not Node and RBAC',
  severity: 'critical',
  section: 'control-plane',
  failsWhen: '--authorization-mode is unset (the default is AlwaysAllow), includes AlwaysAllow, or lacks RBAC or Node.',
  rationale:
    'AlwaysAllow lets every authenticated request do anything, which makes every RBAC control meaningless. RBAC '
    + 'gives least privilege to users and service accounts, and the Node authorizer limits each kubelet to the '
    + 'objects of its own pods. The guidance asks for RBAC and Node authorization.',
  remediation: 'Start kube-apiserver with --authorization-mode=Node,RBAC (Webhook may follow them).',
  example: {
    failing: staticPod('kube-apiserver', ['--authorization-mode=AlwaysAllow']),
    passing: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
  },
  ...componentControl(['kube-apiserver'], (c, ctx) => {
    // Structured authorization (--authorization-config, 1.30+) replaces --authorization-mode.
    if (c.flags.has('authorization-config') && !c.flags.has('authorization-mode')) {
      const config = c.configs.authorization;
      if (!config) {
        failFlag(c, ctx, 'authorization-config', `${shown(c, 'authorization-config')}: its AuthorizationConfiguration is not in the input, `
          + 'so Node and RBAC cannot be confirmed; scan that file too, or run palisade scan --node');
        return;
      }
      const authorizers: unknown[] = Array.isArray(config.resource.object.authorizers) ? config.resource.object.authorizers : [];
      const types = authorizers.map((a) => String((a as { type?: unknown })?.type ?? ''));
      const inConfig = (path: PathSegments) => (message: string) => failInConfig(c, ctx, config, path, message);
      judge(types, (i) => inConfig(['authorizers', i, 'type']), inConfig(['authorizers']), `AuthorizationConfiguration ${config.resource.name}`);
      return;
    }
    const modes = c.flags.list('authorization-mode');
    if (modes.length === 0) {
      failFlag(c, ctx, 'authorization-mode', '--authorization-mode is unset: the default is AlwaysAllow, every authenticated request is allowed');
      return;
    }
    const atFlag = (path: PathSegments) => (message: string) => failAt(c, ctx, path, message);
    judge(modes.map((m) => m.item), (i) => atFlag(modes[i].path), atFlag(c.flags.get('authorization-mode')!.path), shown(c, 'authorization-mode'));

    /** Judges the authorizers in order: `at(i)` reports at the i-th, `whole` at the list. */
    function judge(types: string[], at: (i: number) => Report, whole: Report, what: string) {
      types.forEach((t, i) => {
        if (t === 'AlwaysAllow') at(i)(`${what} includes AlwaysAllow: every authenticated request is allowed`);
      });
      if (!types.includes('RBAC')) whole(`${what} lacks RBAC`);
      if (!types.includes('Node')) whole(`${what} lacks Node: kubelets are not limited to their own pods' objects`);
    }
  }),
});
