import { defineControl } from '../define.js';
import { componentControl, requireBool } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

export default defineControl({
  id: 'apiserver-anonymous-auth',
  aliases: ['C-0113'],
  title: 'API server allows anonymous requests',
  severity: 'critical',
  section: 'control-plane',
  failsWhen: '--anonymous-auth is not false on kube-apiserver (it defaults to true).',
  rationale:
    'With anonymous authentication on, every request without credentials reaches the API server as '
    + 'system:anonymous, and any RBAC grant to that user or to system:unauthenticated becomes a door into the '
    + 'cluster. The guidance asks that anonymous requests be refused.',
  remediation: 'Start kube-apiserver with --anonymous-auth=false (health checks can use authenticated probes or the /livez endpoints from the node).',
  example: {
    failing: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
    passing: staticPod('kube-apiserver', ['--anonymous-auth=false', '--authorization-mode=Node,RBAC']),
  },
  ...componentControl(['kube-apiserver'], (c, ctx) => {
    requireBool(c, ctx, 'anonymous-auth', false, true, 'unauthenticated requests are served as system:anonymous');
  }),
});
