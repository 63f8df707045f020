// MITRE ATT&CK for Kubernetes: the Threat Matrix for Kubernetes (Microsoft, second version, 2021;
// https://microsoft.github.io/Threat-Matrix-for-Kubernetes/), which follows ATT&CK's structure and
// which Kubescape's `mitre` framework follows. Tactics are the sections (with the ATT&CK tactic id
// as an alias); techniques are the items, each mapped to the Palisade controls that detect the
// conditions it needs, with the ATT&CK technique id as an alias where ATT&CK (Enterprise,
// Containers platform) has one. A technique no control detects is listed and counted as not
// covered: most of them happen at run time (a shell in a container, a poisoned DNS), which a
// posture scan cannot see.
import type { Framework, FrameworkItem, FrameworkSection } from './index.js';
import { itemControls } from './index.js';

function tactic(id: string, alias: string, title: string, summary: string, items: FrameworkItem[]): FrameworkSection {
  return { id, aliases: [alias], title, summary, controls: itemControls(items), items };
}

function t(id: string, title: string, controls: string[], aliases?: string[]): FrameworkItem {
  return { id, title, controls, ...(aliases ? { aliases } : {}) };
}

export const mitreAttack: Framework = {
  id: 'mitre-attack',
  // Kubescape calls it MITRE (`kubescape scan framework mitre`)
  aliases: ['mitre'],
  title: 'MITRE ATT&CK for Kubernetes (Threat Matrix for Kubernetes)',
  version: '2',
  url: 'https://microsoft.github.io/Threat-Matrix-for-Kubernetes/',
  about: 'The tactics and techniques attackers use against Kubernetes, as the Threat Matrix for Kubernetes lists them on ATT&CK\'s structure. '
    + 'Each technique is mapped to the controls that find the conditions it relies on; techniques that only show at run time are listed as not covered.',
  sections: [
    tactic('initial-access', 'TA0001', 'Initial access', 'How an attacker first gets into the cluster: stolen credentials, a compromised image, an exposed interface or application.', [
      t('using-cloud-credentials', 'Using cloud credentials', ['cloud-identity-with-rbac'], ['T1078.004']),
      t('compromised-images-in-registry', 'Compromised images in registry', ['image-registry-not-allowed', 'image-not-pinned'], ['T1525']),
      t('kubeconfig-file', 'Kubeconfig file', [], ['T1078']),
      t('application-vulnerability', 'Application vulnerability', ['externally-exposed'], ['T1190']),
      t('exposed-sensitive-interfaces', 'Exposed sensitive interfaces', ['externally-exposed', 'apiserver-anonymous-auth', 'apiserver-insecure-port', 'kubelet-anonymous-auth', 'kubelet-read-only-port'], ['T1133']),
    ]),
    tactic('execution', 'TA0002', 'Execution', 'Running the attacker\'s code in the cluster: exec into a container, a new container, an exploit.', [
      t('exec-into-container', 'Exec into container', ['rbac-exec-attach'], ['T1609']),
      t('bash-cmd-inside-container', 'bash/cmd inside container', []),
      t('new-container', 'New container', ['rbac-create-workloads'], ['T1610']),
      t('application-exploit-rce', 'Application exploit (RCE)', ['read-only-root-filesystem'], ['T1190']),
      t('ssh-server-running-inside-container', 'SSH server running inside container', []),
      t('sidecar-injection', 'Sidecar injection', []),
    ]),
    tactic('persistence', 'TA0003', 'Persistence', 'Keeping a foothold: a backdoor workload, a writable host mount, a CronJob, a static pod.', [
      t('backdoor-container', 'Backdoor container', ['rbac-create-workloads'], ['T1610']),
      t('writable-hostpath-mount', 'Writable hostPath mount', ['host-path-volume']),
      t('kubernetes-cronjob', 'Kubernetes CronJob', ['rbac-create-workloads'], ['T1053.007']),
      t('malicious-admission-controller', 'Malicious admission controller', []),
      t('container-service-account', 'Container service account', ['service-account-token-mounted', 'default-service-account-used', 'long-lived-token-secret'], ['T1528']),
      t('static-pods', 'Static pods', ['node-file-permissions']),
    ]),
    tactic('privilege-escalation', 'TA0004', 'Privilege escalation', 'Getting more than was given: a privileged container, host access, a cluster-admin binding, cloud resources.', [
      t('privileged-container', 'Privileged container', ['privileged-container', 'allow-privilege-escalation', 'dangerous-capabilities', 'capabilities-added', 'host-namespaces', 'windows-host-process'], ['T1611']),
      t('cluster-admin-binding', 'Cluster-admin binding', ['cluster-admin-binding', 'rbac-escalation-verbs', 'rbac-wildcards']),
      t('hostpath-mount', 'hostPath mount', ['host-path-volume'], ['T1611']),
      t('access-cloud-resources', 'Access cloud resources', ['cloud-identity-with-rbac']),
    ]),
    tactic('defense-evasion', 'TA0005', 'Defense evasion', 'Hiding what was done: clearing logs and events, names that look legitimate, proxies.', [
      t('clear-container-logs', 'Clear container logs', ['read-only-root-filesystem'], ['T1070']),
      t('delete-kubernetes-events', 'Delete Kubernetes events', ['audit-logging', 'audit-policy-coverage'], ['T1070']),
      t('pod-container-name-similarity', 'Pod / container name similarity', [], ['T1036.005']),
      t('connect-from-proxy-server', 'Connect from proxy server', []),
    ]),
    tactic('credential-access', 'TA0006', 'Credential access', 'Stealing credentials: Secrets through the API, service-account tokens, credentials in configuration, cloud identities.', [
      t('list-kubernetes-secrets', 'List Kubernetes secrets', ['rbac-secrets-access'], ['T1552.007']),
      t('mount-service-principal', 'Mount service principal', ['host-path-volume']),
      t('container-service-account', 'Container service account', ['service-account-token-mounted', 'long-lived-token-secret'], ['T1528']),
      t('application-credentials-in-configuration-files', 'Application credentials in configuration files', ['credentials-in-config'], ['T1552.001']),
      t('access-managed-identity-credentials', 'Access managed identity credentials', ['cloud-identity-with-rbac', 'default-deny-egress'], ['T1552.005']),
      t('malicious-admission-controller', 'Malicious admission controller', []),
    ]),
    tactic('discovery', 'TA0007', 'Discovery', 'Learning the cluster: the API server, the kubelet API, the network, the cloud\'s metadata API.', [
      t('access-the-kubernetes-api-server', 'Access the Kubernetes API server', ['anonymous-access', 'apiserver-anonymous-auth', 'service-account-token-mounted'], ['T1613']),
      t('access-kubelet-api', 'Access Kubelet API', ['kubelet-anonymous-auth', 'kubelet-authorization', 'kubelet-read-only-port'], ['T1613']),
      t('network-mapping', 'Network mapping', ['default-deny-ingress', 'default-deny-egress', 'workload-not-isolated'], ['T1046']),
      t('exposed-sensitive-interfaces', 'Exposed sensitive interfaces', ['externally-exposed']),
      t('instance-metadata-api', 'Instance Metadata API', ['default-deny-egress'], ['T1552.005']),
    ]),
    tactic('lateral-movement', 'TA0008', 'Lateral movement', 'Moving on from one pod: to the cloud, to other workloads over the network, to the node.', [
      t('access-cloud-resources', 'Access cloud resources', ['cloud-identity-with-rbac']),
      t('container-service-account', 'Container service account', ['service-account-token-mounted'], ['T1528']),
      t('cluster-internal-networking', 'Cluster internal networking', ['default-deny-ingress', 'workload-not-isolated']),
      t('application-credentials-in-configuration-files', 'Application credentials in configuration files', ['credentials-in-config'], ['T1552.001']),
      t('writable-hostpath-mount', 'Writable hostPath mount', ['host-path-volume']),
      t('coredns-poisoning', 'CoreDNS poisoning', []),
      t('arp-poisoning-and-ip-spoofing', 'ARP poisoning and IP spoofing', ['capabilities-not-dropped', 'dangerous-capabilities', 'capabilities-added'], ['T1557']),
    ]),
    tactic('collection', 'TA0009', 'Collection', 'Gathering data: images from a private registry, data from pods.', [
      t('images-from-a-private-registry', 'Images from a private registry', []),
      t('collecting-data-from-pod', 'Collecting data from pod', ['rbac-exec-attach']),
    ]),
    tactic('impact', 'TA0040', 'Impact', 'Doing harm: destroying data, hijacking resources, denial of service.', [
      t('data-destruction', 'Data destruction', ['cluster-admin-binding', 'rbac-wildcards'], ['T1485']),
      t('resource-hijacking', 'Resource hijacking', ['cpu-limits', 'memory-limits', 'privileged-container'], ['T1496']),
      t('denial-of-service', 'Denial of service', ['cpu-limits', 'memory-limits', 'missing-resource-quota', 'missing-limit-range', 'kubelet-pod-pid-limit'], ['T1499']),
    ]),
  ],
};
