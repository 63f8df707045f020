import { testControl } from '../../testing/control-tester.js';
import { HARDENED_APISERVER, KUBEADM_APISERVER } from '../../testing/control-plane-fixtures.js';
import control from './audit-logging.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';

testControl(control, {
  valid: [
    staticPod('kube-apiserver', HARDENED_APISERVER),
    { name: 'webhook backend, no log file: no retention to judge', yaml: staticPod('kube-apiserver', ['--audit-policy-file=/p.yaml', '--audit-webhook-config-file=/w.yaml']) },
    { name: 'log to stdout', yaml: staticPod('kube-apiserver', ['--audit-policy-file=/p.yaml', '--audit-log-path=-']) },
  ],
  invalid: [
    { name: 'kubeadm default: no audit', yaml: staticPod('kube-apiserver', KUBEADM_APISERVER), paths: [CMD, CMD],
      messages: [/--audit-policy-file is not set/, /neither --audit-log-path nor --audit-webhook-config-file/] },
    { name: 'log path without policy, default retention', yaml: staticPod('kube-apiserver', ['--audit-log-path=/var/log/audit.log']),
      paths: [CMD, CMD, CMD, CMD], messages: [/--audit-policy-file is not set/, /lesser: audit log retention --audit-log-maxage is unset/] },
    { name: 'short retention only', yaml: staticPod('kube-apiserver', ['--audit-policy-file=/p.yaml', '--audit-log-path=/a.log', '--audit-log-maxage=7 # fails', '--audit-log-maxbackup=10', '--audit-log-maxsize', '100']),
      paths: [`${CMD}[3]`], messages: [/--audit-log-maxage=7, below the recommended 30 days/] },
  ],
});
