import { defineControl } from '../define.js';
import { componentControl, requireBool } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

export default defineControl({
  id: 'apiserver-profiling',
  aliases: ['C-0129', 'C-0145', 'C-0151'],
  title: 'Control-plane profiling is on',
  severity: 'low',
  section: 'control-plane',
  failsWhen: '--profiling is not false on kube-apiserver, kube-controller-manager or kube-scheduler (it defaults to true).',
  rationale:
    'The profiling endpoints (/debug/pprof) reveal the internals of the program and its memory, and can be used to '
    + 'load the component. They are not needed in production; the guidance asks to turn off what is not needed.',
  remediation: 'Start kube-apiserver, kube-controller-manager and kube-scheduler with --profiling=false.',
  example: {
    failing: staticPod('kube-scheduler', ['--bind-address=127.0.0.1']),
    passing: staticPod('kube-scheduler', ['--bind-address=127.0.0.1', '--profiling=false']),
  },
  ...componentControl(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'], (c, ctx) => {
    requireBool(c, ctx, 'profiling', false, true, '/debug/pprof is served');
  }),
});
