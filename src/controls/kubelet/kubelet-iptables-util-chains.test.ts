import { testControl } from '../../testing/control-tester.js';
import { INSECURE_KUBELET, KUBEADM_KUBELET_CONFIG } from '../../testing/control-plane-fixtures.js';
import control from './kubelet-iptables-util-chains.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';
import { WITH_CONFIG, flagPath, kubeletPod } from '../../testing/kubelet-cases.js';

testControl(control, {
  valid: [
    KUBEADM_KUBELET_CONFIG,
    { name: 'flags only: the default is true', yaml: kubeletPod(['--kubeconfig=/etc/kubernetes/kubelet.conf']) },
    { name: 'file true, joined', yaml: `${WITH_CONFIG}---\n${kubeletConfig('makeIPTablesUtilChains: true\n')}` },
    { name: 'a flag over a file that turns it off', yaml: `${kubeletPod(['--config=/var/lib/kubelet/case.yaml', '--make-iptables-util-chains=true'])}---\n${kubeletConfig('makeIPTablesUtilChains: false\n')}` },
  ],
  invalid: [
    { name: 'insecure flags', yaml: kubeletPod(INSECURE_KUBELET), paths: [flagPath(3)], messages: [/does not manage its iptables chains/] },
    { name: 'in the file', yaml: kubeletConfig('makeIPTablesUtilChains: false # fails\n'), paths: ['makeIPTablesUtilChains'] },
  ],
});
