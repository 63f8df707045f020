import { testControl } from '../../testing/control-tester.js';
import control from './unsafe-sysctls.js';

testControl(control, {
  valid: [
    {
      name: 'no sysctls',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext: {runAsNonRoot: true}
  containers: [{name: a, image: nginx:1.27}]
`,
    },
    {
      name: 'the whole safe set, dotted and slashed',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    sysctls:
    - {name: kernel.shm_rmid_forced, value: "1"}
    - {name: net.ipv4.ip_local_port_range, value: "1024 65000"}
    - {name: net.ipv4.ip_unprivileged_port_start, value: "80"}
    - {name: net/ipv4/tcp_syncookies, value: "1"}
    - {name: net.ipv4.ping_group_range, value: "0 2147483647"}
    - {name: net.ipv4.ip_local_reserved_ports, value: "8080"}
    - {name: net.ipv4.tcp_keepalive_time, value: "600"}
    - {name: net.ipv4.tcp_fin_timeout, value: "30"}
    - {name: net/ipv4/tcp_keepalive_intvl, value: "60"}
    - {name: net.ipv4.tcp_keepalive_probes, value: "5"}
    - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}
    - {name: net/ipv4/tcp_wmem, value: "4096 16384 4194304"}
  containers: [{name: a, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'one unsafe sysctl among safe ones',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    sysctls:
    - name: net.ipv4.tcp_syncookies
      value: "1"
    - name: kernel.msgmax # fails
      value: "65536"
  containers: [{name: a, image: nginx:1.27}]
`,
      paths: ['spec.securityContext.sysctls[1].name'],
      messages: [/sysctl "kernel\.msgmax", which is not in the baseline Pod Security Standard's safe set/],
    },
    {
      name: 'each unsafe sysctl its own path, slashed form and look-alikes included',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  securityContext:
    sysctls:
    - {name: net/core/somaxconn, value: "1024"} # fails
    - {name: vm.overcommit_memory, value: "1"} # fails
    - {name: net.ipv4.tcp_syncookies.extra, value: "1"} # fails
    - {name: net.ipv4.ip_forward, value: "1"} # fails
    - {name: net.ipv4.tcp_mem, value: "1 2 3"} # fails
    - {name: net.ipv6.tcp_rmem, value: "1 2 3"} # fails
    - {name: NET.IPV4.TCP_RMEM, value: "1 2 3"} # fails
    - {name: net.core.rmem_max, value: "1"} # fails
  containers: [{name: a, image: nginx:1.27}]
`,
      paths: [
        'spec.securityContext.sysctls[0].name',
        'spec.securityContext.sysctls[1].name',
        'spec.securityContext.sysctls[2].name',
        'spec.securityContext.sysctls[3].name',
        'spec.securityContext.sysctls[4].name',
        'spec.securityContext.sysctls[5].name',
        'spec.securityContext.sysctls[6].name', // check_sysctls.go compares names case-sensitively; so does the kernel
        'spec.securityContext.sysctls[7].name',
      ],
      messages: [/"net\/core\/somaxconn"/, /"vm\.overcommit_memory"/, /"net\.ipv4\.ip_forward"/],
    },
  ],
});
