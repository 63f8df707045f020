import { testControl } from '../../testing/control-tester.js';
import { HARDENED_KUBELET_CONFIG, INSECURE_KUBELET, KUBEADM_KUBELET_CONFIG } from '../../testing/control-plane-fixtures.js';
import { corpusFile } from '../../testing/corpus.js';
import control from './kubelet-hardening.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';
import { FLAGS_AT, WITH_CONFIG, flagPath, kubeletPod } from '../../testing/kubelet-cases.js';

testControl(control, {
  valid: [
    HARDENED_KUBELET_CONFIG,
    { name: 'kops: streamingConnectionIdleTimeout 0s is defaulted to 4h', yaml: corpusFile('kops/nodeup-kubelet/featuregates/kubelet-config.yaml').replace('protectKernelDefaults: true', 'protectKernelDefaults: true\nrotateCertificates: true') },
  ],
  invalid: [
    { name: 'kubeadm default', yaml: KUBEADM_KUBELET_CONFIG, paths: ['protectKernelDefaults'], messages: [/kernel defaults are not protected/] },
    { name: 'insecure flags', yaml: kubeletPod(INSECURE_KUBELET),
      paths: [flagPath(2), FLAGS_AT, flagPath(3), FLAGS_AT, flagPath(4)],
      messages: [/streaming connections never time out \(--streaming-connection-idle-timeout=0\)/, /iptables/, /RotateKubeletServerCertificate=false/] },
    { name: 'weak ciphers, rotation off in the joined file', yaml: `${WITH_CONFIG}---\n${kubeletConfig('protectKernelDefaults: true\nrotateCertificates: false\ntlsCipherSuites: [TLS_RSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]\nfeatureGates: {RotateKubeletServerCertificate: false}\n')}`,
      paths: ['kubeletConfig.rotateCertificates', 'kubeletConfig.featureGates.RotateKubeletServerCertificate', 'kubeletConfig.tlsCipherSuites'],
      messages: [/weak TLS cipher suites: TLS_RSA_WITH_AES_128_CBC_SHA$|weak TLS cipher suites: TLS_RSA_WITH_AES_128_CBC_SHA \(/] },
  ],
});
