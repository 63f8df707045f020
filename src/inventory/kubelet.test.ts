import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inventoryFromYaml } from '../testing/inventory.js';
import { KUBEADM_KUBELET_CONFIG } from '../testing/control-plane-fixtures.js';
import { kubeletPod } from '../testing/kubelet-cases.js';

const config = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body}`;

describe('kubelet settings', () => {
  it('uses the command-line defaults without --config', () => {
    const [v] = inventoryFromYaml(kubeletPod(['--kubeconfig=/etc/kubernetes/kubelet.conf'])).kubelets();
    assert.equal(v.world, 'flags');
    assert.equal(v.setting('anonymousAuth').value, true);
    assert.equal(v.setting('authorizationMode').value, 'AlwaysAllow');
    assert.equal(v.setting('readOnlyPort').value, 10255);
    assert.deepEqual(v.setting('readOnlyPort').path, ['spec', 'containers', 0, 'command']);
  });

  it('uses the config-file defaults for a KubeletConfiguration', () => {
    const [v] = inventoryFromYaml(config('cgroupDriver: systemd\n')).kubelets();
    assert.equal(v.world, 'config');
    assert.equal(v.setting('anonymousAuth').value, false);
    assert.equal(v.setting('authorizationMode').value, 'Webhook');
    assert.equal(v.setting('readOnlyPort').value, 0);
    assert.equal(v.setting('makeIPTablesUtilChains').value, true);
    assert.equal(v.setting('podPidsLimit').value, -1);
    assert.deepEqual(v.setting('anonymousAuth').path, ['authentication', 'anonymous', 'enabled']);
  });

  it('replaces a zero streamingConnectionIdleTimeout in the file with 4h, but not on the command line', () => {
    const [file] = inventoryFromYaml(KUBEADM_KUBELET_CONFIG).kubelets();
    assert.equal(file.setting('streamingConnectionIdleTimeout').value, '4h0m0s');
    const [flag] = inventoryFromYaml(kubeletPod(['--streaming-connection-idle-timeout=0'])).kubelets();
    assert.equal(flag.setting('streamingConnectionIdleTimeout').value, '0');
  });

  it('lets flags win over the joined config file, field by field, and merges feature gates', () => {
    const yaml = `${kubeletPod(['--config=/var/lib/kubelet/case.yaml', '--read-only-port=10255', '--feature-gates=B=false'])}---\n`
      + config('readOnlyPort: 0\nauthentication:\n  anonymous: {enabled: false}\nfeatureGates: {A: false, B: true}\n');
    const views = inventoryFromYaml(yaml).kubelets();
    assert.equal(views.length, 1, 'the joined config is not a kubelet of its own');
    const [v] = views;
    assert.equal(v.setting('readOnlyPort').value, 10255);
    assert.equal(v.setting('readOnlyPort').from, 'flag');
    assert.equal(v.setting('anonymousAuth').value, false);
    assert.equal(v.setting('anonymousAuth').from, 'config');
    const anonymous = v.setting('anonymousAuth');
    assert.deepEqual(anonymous.path, ['authentication', 'anonymous', 'enabled']);
    assert.equal(anonymous.in?.name, 'kubeletConfig', 'the field is in the joined config file');
    assert.equal(anonymous.in?.resource.locate!(anonymous.path).line, 18);
    assert.equal(v.setting('authorizationMode').value, 'Webhook', 'with --config, unset fields take the file defaults');
    assert.equal(v.featureGate('A')?.value, false);
    assert.equal(v.featureGate('B')?.value, false);
  });

  it('applies config-file defaults when --config names a file that is not in the input, and says so', () => {
    const [v] = inventoryFromYaml(kubeletPod(['--config=/var/lib/kubelet/config.yaml'])).kubelets();
    assert.equal(v.world, 'config');
    assert.equal(v.setting('anonymousAuth').value, false);
    assert.match(v.setting('anonymousAuth').shown, /config file \/var\/lib\/kubelet\/config\.yaml not read/);
  });
});
