import { testControl } from '../../testing/control-tester.js';
import { INSECURE_KUBELET, KUBEADM_KUBELET_CONFIG } from '../../testing/control-plane-fixtures.js';
import { corpusFile } from '../../testing/corpus.js';
import control from './kubelet-anonymous-auth.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';
import { FLAGS_AT, WITH_CONFIG, flagPath, kubeletPod } from '../../testing/kubelet-cases.js';

testControl(control, {
  valid: [
    KUBEADM_KUBELET_CONFIG,
    { name: 'config file default is false', yaml: kubeletConfig('cgroupDriver: systemd\n') },
    { name: 'kops: anonymous: {} takes the file default', yaml: corpusFile('kops/nodeup-kubelet/featuregates/kubelet-config.yaml') },
    { name: 'flag false', yaml: kubeletPod(['--anonymous-auth=false']) },
    { name: 'with --config, an unset flag takes the file value', yaml: `${WITH_CONFIG}---\n${kubeletConfig('authentication: {anonymous: {enabled: false}}\n')}` },
  ],
  invalid: [
    { name: 'flags only: the default is true', yaml: kubeletPod(INSECURE_KUBELET), paths: [FLAGS_AT], lines: [8], messages: [/no flag and no config file; the default is true/] },
    { name: 'enabled in the file', yaml: kubeletConfig('authentication:\n  anonymous:\n    enabled: true # fails\n'), paths: ['authentication.anonymous.enabled'] },
    { name: 'the flag wins over the file', yaml: `${kubeletPod(['--config=/var/lib/kubelet/case.yaml', '--anonymous-auth # fails'])}---\n${kubeletConfig('authentication: {anonymous: {enabled: false}}\n')}`,
      paths: [flagPath(1)] },
    { name: 'a file value reported at its line in the file', yaml: `${WITH_CONFIG}---\n${kubeletConfig('authentication:\n  anonymous: {enabled: true} # fails\n')}`,
      paths: ['kubeletConfig.authentication.anonymous.enabled'] },
  ],
  skipped: [{ yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n', reason: /no kubelet configuration in the input.*--node/ }],
});
