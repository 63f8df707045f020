import { defineControl } from '../define.js';
import { parseGoDuration } from '../../model/flags.js';
import { failAtSetting, failSetting, kubeletControl } from '../templates/kubelet-control.js';
import { kubeletConfig } from '../templates/kubelet-config-example.js';

/** Cipher suites with forward secrecy and AEAD (CIS Kubernetes Benchmark 4.2.13), TLS 1.3 suites included. */
export const STRONG_CIPHERS = new Set([
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256',
]);

export default defineControl({
  id: 'kubelet-hardening',
  aliases: ['C-0176', 'C-0177', 'C-0178', 'C-0182', 'C-0183', 'C-0184'],
  title: 'Kubelet is not hardened',
  severity: 'medium',
  section: 'kubelet',
  failsWhen: 'streaming idle timeout 0, protectKernelDefaults false (the default), makeIPTablesUtilChains false, '
    + 'certificate rotation off (rotateCertificates false, the default, or RotateKubeletServerCertificate=false), '
    + 'or TLS cipher suites outside the strong set.',
  rationale:
    'Streams (exec, attach, port-forward) with no idle timeout stay open forever; a kubelet that does not protect '
    + 'kernel defaults lets pods change kernel tunables; without its iptables chains the node\'s traffic rules can '
    + 'drift; certificates that do not rotate outlive a compromise; weak cipher suites lose forward secrecy.',
  remediation: 'In the KubeletConfiguration: streamingConnectionIdleTimeout: 5m, protectKernelDefaults: true, makeIPTablesUtilChains: true, rotateCertificates: true (and serverTLSBootstrap: true), and tlsCipherSuites from the strong set only.',
  example: {
    failing: kubeletConfig('streamingConnectionIdleTimeout: 0s\nprotectKernelDefaults: false\nrotateCertificates: true\n'),
    passing: kubeletConfig('streamingConnectionIdleTimeout: 5m\nprotectKernelDefaults: true\nrotateCertificates: true\n'),
  },
  ...kubeletControl((view, ctx) => {
    const idle = view.setting('streamingConnectionIdleTimeout');
    if (typeof idle.value === 'string' && parseGoDuration(idle.value) === 0) {
      failSetting(view, ctx, idle, 'streaming connections never time out', 'set streamingConnectionIdleTimeout: 5m');
    }
    const kernel = view.setting('protectKernelDefaults');
    if (kernel.value !== true) failSetting(view, ctx, kernel, 'kernel defaults are not protected', 'set protectKernelDefaults: true (--protect-kernel-defaults)');
    const chains = view.setting('makeIPTablesUtilChains');
    if (chains.value === false) failSetting(view, ctx, chains, 'the kubelet does not manage its iptables chains', 'set makeIPTablesUtilChains: true');
    const rotate = view.setting('rotateCertificates');
    if (rotate.value !== true) failSetting(view, ctx, rotate, 'client certificates are not rotated', 'set rotateCertificates: true (--rotate-certificates)');
    const gate = view.featureGate('RotateKubeletServerCertificate');
    if (gate && gate.value === false) {
      failAtSetting(ctx, gate, `${view.describe()}: RotateKubeletServerCertificate=false: serving certificates are not rotated`, {
        fix: { description: 'remove RotateKubeletServerCertificate=false from the feature gates' },
      });
    }
    const ciphers = view.setting('tlsCipherSuites');
    if (Array.isArray(ciphers.value)) {
      const weak = (ciphers.value as string[]).filter((c) => !STRONG_CIPHERS.has(c));
      if (weak.length) failSetting(view, ctx, ciphers, `weak TLS cipher suites: ${weak.join(', ')}`, 'keep only ECDHE suites with AES-GCM or ChaCha20-Poly1305');
    }
  }),
});
