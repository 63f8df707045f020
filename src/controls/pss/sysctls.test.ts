import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testControl } from '../../testing/control-tester.js';
import control, { allowedSysctls } from './sysctls.js';

const sysctl = (name: string, marker = ''): string => `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    sysctls:
    - name: ${name}${marker}
      value: "1"
  containers: [{name: a, image: nginx:1.27}]
`;

testControl(control, {
  valid: [
    { name: 'v1.0 set at v1.0', yaml: sysctl('net.ipv4.ping_group_range'), inputs: { pssVersion: 'v1.0' } },
    { name: 'ip_local_reserved_ports from v1.27', yaml: sysctl('net.ipv4.ip_local_reserved_ports'), inputs: { pssVersion: 'v1.27' } },
    { name: 'tcp_keepalive_time from v1.29', yaml: sysctl('net.ipv4.tcp_keepalive_time'), inputs: { pssVersion: 'v1.29' } },
    { name: 'tcp_rmem from v1.32', yaml: sysctl('net.ipv4.tcp_rmem'), inputs: { pssVersion: 'v1.32' } },
    { name: 'tcp_wmem at the newest version', yaml: sysctl('net.ipv4.tcp_wmem') },
    { name: 'a version newer than the newest implemented judges with the newest set', yaml: sysctl('net.ipv4.tcp_wmem'), inputs: { pssVersion: 'v1.40' } },
  ],
  invalid: [
    {
      name: 'ip_local_reserved_ports before v1.27',
      yaml: sysctl('net.ipv4.ip_local_reserved_ports', ' # fails'),
      inputs: { pssVersion: 'v1.26' },
      paths: ['spec.securityContext.sysctls[0].name'],
      messages: [/not in the baseline Pod Security Standard's safe set at v1\.26/],
    },
    { name: 'tcp_fin_timeout before v1.29', yaml: sysctl('net.ipv4.tcp_fin_timeout', ' # fails'), inputs: { pssVersion: 'v1.28' }, paths: ['spec.securityContext.sysctls[0].name'] },
    { name: 'tcp_rmem before v1.32', yaml: sysctl('net.ipv4.tcp_rmem', ' # fails'), inputs: { pssVersion: 'v1.31' }, paths: ['spec.securityContext.sysctls[0].name'] },
    {
      name: 'a slash-separated name is compared as written',
      yaml: sysctl('net/ipv4/tcp_syncookies', ' # fails'),
      paths: ['spec.securityContext.sysctls[0].name'],
    },
    { name: 'an unsafe sysctl', yaml: sysctl('kernel.msgmax', ' # fails'), paths: ['spec.securityContext.sysctls[0].name'] },
  ],
});

describe('pss-sysctls sets per version', () => {
  it('grows 5, 6, 10, 12 at v1.0, v1.27, v1.29, v1.32', () => {
    assert.deepEqual([0, 26, 27, 28, 29, 31, 32, 34].map((m) => allowedSysctls(m).size), [5, 5, 6, 6, 10, 10, 12, 12]);
  });
});
