import { defineControl } from '../define.js';
import { componentControl, failAt, failFlag } from '../templates/component-control.js';
import { admission } from '../templates/flag-rules.js';
import { staticPod } from '../templates/static-pod-example.js';

const MUST_STAY = ['PodSecurity', 'ServiceAccount', 'NamespaceLifecycle'];

export default defineControl({
  id: 'admission-plugins',
  aliases: ['C-0122', 'C-0127', 'C-0125', 'C-0126'],
  title: 'API server admission plugins are weakened',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: 'NodeRestriction is not enabled, PodSecurity / ServiceAccount / NamespaceLifecycle is disabled, or AlwaysAdmit is enabled.',
  rationale:
    'Admission plugins enforce what authorization cannot: NodeRestriction keeps a kubelet from editing other '
    + 'nodes and their pods, PodSecurity enforces the Pod Security Standards the guidance relies on, ServiceAccount '
    + 'and NamespaceLifecycle keep service accounts and namespaces consistent. AlwaysAdmit turns admission off.',
  remediation: 'Add NodeRestriction to --enable-admission-plugins, remove PodSecurity, ServiceAccount and NamespaceLifecycle from --disable-admission-plugins, and never enable AlwaysAdmit.',
  example: {
    failing: staticPod('kube-apiserver', ['--enable-admission-plugins=AlwaysAdmit']),
    passing: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
  },
  ...componentControl(['kube-apiserver'], (c, ctx) => {
    const { enabled, enabledList, disabled, listFlag, legacy } = admission(c);
    if (!enabled.has('NodeRestriction')) {
      failFlag(c, ctx, listFlag, `NodeRestriction is not enabled (--${listFlag}): a kubelet may modify other nodes and their pods`);
    }
    for (const name of MUST_STAY) {
      const off = disabled.find((d) => d.item === name);
      if (off) failAt(c, ctx, off.path, `--disable-admission-plugins turns off ${name}`);
      else if (legacy && !enabled.has(name)) failFlag(c, ctx, 'admission-control', `--admission-control does not include ${name}`);
    }
    const admit = enabledList.find((e) => e.item === 'AlwaysAdmit');
    if (admit && enabled.has('AlwaysAdmit')) failAt(c, ctx, admit.path, 'AlwaysAdmit is enabled: admission control is bypassed');
  }),
});
