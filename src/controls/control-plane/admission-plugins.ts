import { defineControl } from '../define.js';
import { componentControl, failAt, failFlag } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

/** kube-apiserver's default-enabled admission plugins (1.25+; `kube-apiserver --help`, --enable-admission-plugins). */
const DEFAULT_ENABLED = new Set([
  'NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'TaintNodesByCondition', 'PodSecurity', 'Priority',
  'DefaultTolerationSeconds', 'DefaultStorageClass', 'StorageObjectInUseProtection', 'PersistentVolumeClaimResize',
  'RuntimeClass', 'CertificateApproval', 'CertificateSigning', 'ClusterTrustBundleAttest', 'CertificateSubjectRestriction',
  'DefaultIngressClass', 'MutatingAdmissionWebhook', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionWebhook', 'ResourceQuota',
]);
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
    // The deprecated --admission-control replaces the whole list, defaults included.
    const legacy = c.flags.list('admission-control');
    const enabledList = legacy.length ? legacy : c.flags.list('enable-admission-plugins');
    const disabled = legacy.length ? [] : c.flags.list('disable-admission-plugins');
    const enabled = new Set(legacy.length ? [] : DEFAULT_ENABLED);
    for (const e of enabledList) enabled.add(e.item);
    for (const d of disabled) enabled.delete(d.item);
    const listFlag = legacy.length ? 'admission-control' : 'enable-admission-plugins';
    if (!enabled.has('NodeRestriction')) {
      failFlag(c, ctx, listFlag, `NodeRestriction is not enabled (--${listFlag}): a kubelet may modify other nodes and their pods`);
    }
    for (const name of MUST_STAY) {
      const off = disabled.find((d) => d.item === name);
      if (off) failAt(c, ctx, off.path, `--disable-admission-plugins turns off ${name}`);
      else if (legacy.length && !enabled.has(name)) failFlag(c, ctx, 'admission-control', `--admission-control does not include ${name}`);
    }
    const admit = enabledList.find((e) => e.item === 'AlwaysAdmit');
    if (admit && enabled.has('AlwaysAdmit')) failAt(c, ctx, admit.path, 'AlwaysAdmit is enabled: admission control is bypassed');
  }),
});
