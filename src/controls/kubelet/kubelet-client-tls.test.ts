import { testControl } from '../../testing/control-tester.js';
import { INSECURE_KUBELET, KUBEADM_KUBELET_CONFIG } from '../../testing/control-plane-fixtures.js';
import { corpusFile } from '../../testing/corpus.js';
import control from './kubelet-client-tls.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';
import { FLAGS_AT, kubeletPod } from '../../testing/kubelet-cases.js';

testControl(control, {
  valid: [
    KUBEADM_KUBELET_CONFIG,
    { name: 'kubernetes-the-hard-way', yaml: corpusFile('kubernetes-the-hard-way/kubelet-config.yaml') },
    { name: 'flag', yaml: kubeletPod(['--client-ca-file=/etc/kubernetes/pki/ca.crt']) },
  ],
  invalid: [
    { name: 'flags only', yaml: kubeletPod(INSECURE_KUBELET), paths: [FLAGS_AT] },
    { name: 'file without x509', yaml: kubeletConfig('authentication: # fails\n  webhook: {enabled: true}\n'), paths: ['authentication.x509.clientCAFile'] },
    { name: 'empty value', yaml: kubeletConfig('authentication:\n  x509: {clientCAFile: ""}\n'), paths: ['authentication.x509.clientCAFile'] },
  ],
});
