// Robustness and reviewer-checked findings on test/corpus: real manifests written by other projects
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { scanPaths } from '../src/index.js';
import type { Finding, ScanReport } from '../src/model/types.js';
import { CORPUS, runCli } from './support/cli.js';

function corpusFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) corpusFiles(full, out);
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(full);
  }
  return out;
}

/** Documents in a file as counted by the `yaml` package, independently of Palisade's parser. */
function documentsIn(file: string): number {
  let n = 0;
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'), { uniqueKeys: false })) {
    const value = doc.toJS();
    if (value === null || value === undefined) continue; // an empty document: kubectl skips it too
    const isList = typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
    n += isList ? value.items.length : 1;
  }
  return n;
}

const rel = (f: string | undefined) => (f ? path.relative(CORPUS, f) : '');

describe('the whole corpus', () => {
  let report: ScanReport;
  before(() => {
    report = scanPaths([CORPUS]);
  });

  const failed = (control: string, resourceId: string) =>
    report.findings.filter((f) => f.controlId === control && f.resourceId === resourceId && f.status === 'failed');
  const one = (control: string, resourceId: string, file: string): Finding => {
    const found = report.findings.filter((f) => f.controlId === control && f.resourceId === resourceId
      && f.paths.some((p) => rel(p.location?.file) === file));
    assert.equal(found.length, 1, `one ${control} finding on ${resourceId} in ${file}; got ${found.length}`);
    return found[0];
  };

  it('loses no document: resources + ignored + errors = the documents the yaml package counts', () => {
    const expected = corpusFiles(CORPUS).reduce((n, f) => n + documentsIn(f), 0);
    const s = report.summary;
    assert.equal(s.documents, expected);
    assert.equal(s.resources + s.ignoredDocuments + s.errors, expected);
    assert.ok(s.resources > 1300, `resources: ${s.resources}`);
  });

  it('reports exactly the corpus\'s known-bad documents, each with file and line', () => {
    const got = report.errors.map((e) => `${rel(e.file)}:${e.line}: ${e.message}`).sort();
    assert.deepEqual(got, [
      'k8s-website/access/validating-webhook-configuration-match-conditions.yaml:1: ValidatingWebhookConfiguration has no metadata.name (apiVersion admissionregistration.k8s.io/v1)',
      'kops/integration-minimal_gce/static-pods/kube-apiserver-healthcheck.yaml:3: Pod has no metadata.name (apiVersion v1)',
      'kubernetes-examples/_archived/openshift-origin/etcd-controller.yaml:12: invalid YAML: duplicated mapping key',
      'kubernetes-examples/_archived/openshift-origin/etcd-discovery-controller.yaml:12: invalid YAML: duplicated mapping key',
      'kubernetes-examples/_archived/openshift-origin/openshift-controller.yaml:12: invalid YAML: duplicated mapping key',
      'kubernetes-examples/_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml:9: invalid YAML: duplicated mapping key',
      'kubernetes-examples/_archived/volumes/scaleio/sc-pvc.yaml:12: invalid YAML: duplicated mapping key',
    ]);
  });

  it('locates every failing path in a real file and line', () => {
    for (const f of report.findings) {
      for (const p of f.paths) {
        assert.ok(p.location?.file && p.location.line >= 1, `${f.controlId} ${f.resourceId} ${p.path} has a location`);
      }
    }
  });

  it('evaluates every control of the framework or says why not', () => {
    for (const c of report.controls) {
      if (c.status === 'skipped') assert.ok(c.reason && c.reason.length > 10, `${c.id} says why it was skipped`);
    }
  });

  describe('RBAC findings a reviewer agrees with', () => {
    it('Argo CD\'s application controller holds every verb on every resource', () => {
      const f = one('cluster-admin-binding', 'rbac.authorization.k8s.io/v1//ClusterRoleBinding/argocd-application-controller', 'argo-cd/install.yaml');
      assert.equal(f.status, 'failed');
      assert.match(f.paths[0].message, /ServiceAccount argocd\/argocd-application-controller is bound to ClusterRole argocd-application-controller, which allows every verb on every resource/);
    });
    it('ingress-nginx\'s controller may list Secrets in every namespace, and the rule is quoted', () => {
      for (const file of ['ingress-nginx/baremetal/deploy.yaml', 'ingress-nginx/cloud/deploy.yaml']) {
        const f = one('rbac-secrets-access', 'rbac.authorization.k8s.io/v1//ClusterRoleBinding/ingress-nginx', file);
        assert.equal(f.status, 'failed');
        assert.match(f.paths[0].message, /ServiceAccount ingress-nginx\/ingress-nginx may read Secrets in every namespace \(list secrets\): rule \{verbs \[list, watch\], resources \[[^\]]*secrets/);
        assert.match(f.paths[0].message, /in ClusterRole ingress-nginx at .*deploy\.yaml:\d+/);
      }
    });
    it('Kubernetes Goat\'s superadmin is cluster-admin', () => {
      const f = one('cluster-admin-binding', 'rbac.authorization.k8s.io/v1//ClusterRoleBinding/superadmin', 'kubernetes-goat/insecure-rbac/setup.yaml');
      assert.equal(f.status, 'failed');
    });
    it('the docs\' read-secrets-global binding gives Group manager Secrets everywhere', () => {
      const f = one('rbac-secrets-access', 'rbac.authorization.k8s.io/v1//ClusterRoleBinding/read-secrets-global', 'k8s-website/access/simple-clusterrolebinding.yaml');
      assert.match(f.paths[0].message, /^Group manager may read Secrets in every namespace/);
    });
    it('a system: controller role bound to its kube-system account is excepted as built-in, not failed', () => {
      const f = one('rbac-secrets-access', 'rbac.authorization.k8s.io/v1//ClusterRoleBinding/system:cloud-controller-manager', 'kops/integration-minimal_gce/addons/gcp-cloud-controller.yaml');
      assert.equal(f.status, 'excepted');
    });
    it('kube-state-metrics reads Secrets (to count them) but is not cluster-admin', () => {
      assert.equal(failed('rbac-secrets-access', 'rbac.authorization.k8s.io/v1//ClusterRoleBinding/kube-state-metrics').length, 1);
      assert.equal(failed('cluster-admin-binding', 'rbac.authorization.k8s.io/v1//ClusterRoleBinding/kube-state-metrics').length, 0);
    });
  });

  describe('network findings a reviewer agrees with', () => {
    it('kube-prometheus ships a NetworkPolicy per component: its workloads are isolated', () => {
      for (const id of ['apps/v1/monitoring/Deployment/kube-state-metrics', 'apps/v1/monitoring/Deployment/grafana', 'apps/v1/monitoring/DaemonSet/node-exporter']) {
        assert.deepEqual(failed('workload-not-isolated', id), [], id);
      }
    });
    it('the vLLM example\'s prometheus-adapter in the same namespace is not selected by kube-prometheus\'s policy (different labels)', () => {
      const f = one('workload-not-isolated', 'apps/v1/monitoring/Deployment/prometheus-adapter', 'kubernetes-examples/AI/vllm-deployment/hpa/prometheus-adapter.yaml');
      assert.match(f.paths[0].message, /for Ingress or Egress/);
    });
    it('namespaces without a default-deny policy are reported; default, which has one in the corpus, is not', () => {
      const ns = report.findings.filter((f) => f.controlId === 'default-deny-ingress' && f.status === 'failed').map((f) => f.resourceId);
      assert.ok(ns.includes('/v1//Namespace/ingress-nginx'));
      assert.ok(ns.includes('/v1//Namespace/monitoring'));
      assert.ok(!ns.includes('/v1//Namespace/default'));
    });
  });

  describe('issue 15: findings that appear with CNI policies, cluster-admin in all but name and exec through get', () => {
    it('get on pods/exec through resources [*] is exec before 1.35: Argo CD\'s server, Gatekeeper\'s manager, Kubernetes Goat\'s secret reader', () => {
      for (const [id, file] of [
        ['rbac.authorization.k8s.io/v1//ClusterRoleBinding/argocd-server', 'argo-cd/install.yaml'],
        ['rbac.authorization.k8s.io/v1//ClusterRoleBinding/gatekeeper-manager-rolebinding', 'gatekeeper/gatekeeper.yaml'],
        ['rbac.authorization.k8s.io/v1/big-monolith/RoleBinding/secret-reader-binding', 'kubernetes-goat/hunger-check/deployment.yaml'],
      ]) {
        const f = one('rbac-exec-attach', id, file);
        assert.equal(f.status, 'failed');
        assert.match(f.paths[0].message, /\(get pods\/exec\): rule \{verbs \[[^\]]*get[^\]]*\], resources \[\*\].*get is enough to exec or attach through a WebSocket upgrade on API servers before 1\.35 \(kubernetes#78741/);
      }
    });
    it('the docs\' allow-all-egress policy opens namespace default for egress, whatever deny policy sits beside it (NetworkPolicies add up)', () => {
      const f = failed('default-deny-egress', '/v1//Namespace/default');
      assert.equal(f.length, 1);
      assert.match(f[0].paths[0].message, /has NetworkPolicy allow-all-egress, which allows all egress traffic to every pod in it/);
      assert.deepEqual(failed('default-deny-ingress', '/v1//Namespace/default'), []);
    });
    it('calico/ ships CRDs and ClusterRoles, no Calico policy: its namespaces stay without default deny, and no role of it is cluster-admin', () => {
      for (const ns of ['calico-system', 'tigera-operator']) assert.equal(failed('default-deny-ingress', `/v1//Namespace/${ns}`).length, 1, ns);
      const admin = report.findings.filter((f) => f.controlId === 'cluster-admin-binding' && f.paths.some((p) => rel(p.location?.file).startsWith('calico/')));
      assert.deepEqual(admin.map((f) => f.resourceId), []);
      assert.equal(failed('rbac-wildcards', 'rbac.authorization.k8s.io/v1//ClusterRole/calico-kube-controllers').length, 1, '* in one rule\'s resources is a wildcard, not cluster-admin');
    });
  });

  describe('pod-security findings a reviewer agrees with', () => {
    it('every badpods "priv" manifest is a privileged container, in every workload kind', () => {
      const files = new Set(report.findings.filter((f) => f.controlId === 'privileged-container' && f.status === 'failed')
        .flatMap((f) => f.paths.map((p) => rel(p.location?.file))).filter((f) => f.startsWith('badpods/priv/')));
      assert.equal(files.size, 16, [...files].join('\n'));
    });
    it('credentials-in-config: the literal passwords and keys of the examples, by name; no value rule fires on the corpus', () => {
      // Issue 15 (names as words, value rules, args, binaryData, annotations, lines of configuration
      // files) adds one finding and removes none: Istio's Kiali addon ships the login-token signing key
      // CHANGEME00000000 in its config.yaml (whoever knows it can forge Kiali logins). The corpus holds
      // no token-shaped value outside Secrets (its one URL with a password is in a YAML comment of the
      // Sysdig example, its one eyJ string a docker config in a Secret), and every other name with a
      // sensitive word is a valueFrom, a file path, a switch, an empty value or a log field's key
      // (Knative's zap timeKey). MINIO_ACCESS_KEY and Sysdig's ACCESS_KEY now quote "key".
      const got = report.findings.filter((f) => f.controlId === 'credentials-in-config' && f.status === 'failed')
        .flatMap((f) => f.paths.map((p) => `${rel(p.location?.file)} ${p.path} ${p.message.replace(/^.*: /, '')}`)).sort();
      const minio = (file: string) => [0, 1].map((i) => `kubernetes-examples/_archived/storage/minio/${file} spec.template.spec.containers[0].env[${i}].value its name contains "${i ? 'secret' : 'key'}"`);
      const galera = (n: number) => [3, 5, 6].map((i) => `kubernetes-examples/_archived/storage/mysql-galera/pxc-node${n}.yaml spec.template.spec.containers[0].env[${i}].value its name contains "password"`);
      assert.deepEqual(got, [
        'istio-samples/addons/grafana.yaml spec.template.spec.containers[0].env[8].value its name contains "password"',
        'istio-samples/addons/kiali.yaml data["config.yaml"] line 126 sets "signing_key" to a literal value and its name contains "key"',
        'istio-samples/bookinfo/platform/kube/bookinfo-ratings-v2-mysql-vm.yaml spec.template.spec.containers[0].env[4].value its name contains "password"',
        'istio-samples/bookinfo/platform/kube/bookinfo-ratings-v2-mysql.yaml spec.template.spec.containers[0].env[4].value its name contains "password"',
        'kubernetes-examples/_archived/javaee/mysql-pod.yaml spec.containers[0].env[1].value its name contains "password"',
        'kubernetes-examples/_archived/javaee/mysql-pod.yaml spec.containers[0].env[3].value its name contains "password"',
        'kubernetes-examples/_archived/phabricator/phabricator-controller.json spec.template.spec.containers[0].env[2].value its name contains "password"',
        ...minio('minio-distributed-statefulset.yaml'),
        ...minio('minio-standalone-deployment.yaml'),
        ...galera(1), ...galera(2), ...galera(3),
        'kubernetes-examples/_archived/sysdig-cloud/sysdig-daemonset.yaml spec.template.spec.containers[0].env[0].value its name contains "key"',
        'kubernetes-examples/_archived/sysdig-cloud/sysdig-rc.yaml spec.template.spec.containers[0].env[0].value its name contains "key"',
        'kubernetes-examples/databases/mysql-cinder-pd/mysql.yaml spec.containers[0].env[0].value its name contains "password"',
      ].sort());
      // annotated objects are judged too: 581 resources evaluated where workloads and ConfigMaps made 510
      const counts = report.controls.find((c) => c.id === 'credentials-in-config')!.counts;
      assert.deepEqual(counts, { evaluated: 581, passed: 567, failed: 14, excepted: 0 });
    });
    it('badpods "nothing-allowed" fails none of the host and privilege controls', () => {
      const bad = report.findings.filter((f) => f.status === 'failed'
        && ['privileged-container', 'host-namespaces', 'host-network', 'host-path-volume'].includes(f.controlId)
        && f.paths.some((p) => rel(p.location?.file).startsWith('badpods/nothing-allowed/')));
      assert.deepEqual(bad.map((f) => f.controlId), []);
    });
    it('issue 15: capabilities-added appears on the 8 workloads that add a capability other than NET_BIND_SERVICE', () => {
      const ids = report.findings.filter((f) => f.controlId === 'capabilities-added' && f.status === 'failed').map((f) => f.resourceId).sort();
      assert.equal(ids.length, 8, ids.join('\n'));
      assert.match(one('capabilities-added', 'apps/v1/monitoring/DaemonSet/node-exporter', 'kube-prometheus/nodeExporter-daemonset.yaml').paths[0].message,
        /container "node-exporter" adds SYS_TIME: the restricted Pod Security Standard allows adding only NET_BIND_SERVICE/);
      assert.ok(ids.includes('apps/v1//StatefulSet/cassandra'), 'cassandra adds IPC_LOCK');
    });
    it('issue 15: probe-host appears on the 7 pods whose probes name a host, kops\' control plane among them', () => {
      const files = report.findings.filter((f) => f.controlId === 'probe-host' && f.status === 'failed').map((f) => rel(f.paths[0].location?.file)).sort();
      assert.deepEqual(files, [
        'k8s-website/admin/konnectivity/konnectivity-server.yaml',
        'kops/integration-minimal_gce/addons/gcp-cloud-controller.yaml',
        'kops/nodeup-golden/audit/kube-apiserver.yaml',
        'kops/nodeup-golden/minimal/kube-apiserver.yaml',
        'kops/nodeup-golden/minimal/kube-controller-manager.yaml',
        'kops/nodeup-golden/minimal/kube-scheduler.yaml',
        'kops/nodeup-golden/oidc/kube-apiserver.yaml',
      ]);
    });
    it('issue 15: kops\' control-plane manifests sit in a repository, not a static pod directory, and kube-bench runs Jobs: nothing is excepted as built-in', () => {
      // they would be on a node (see 'the control plane's own static pods' below); here they are any user's pods
      const apiserver = one('host-network', '/v1/kube-system/Pod/kube-apiserver', 'kops/nodeup-golden/minimal/kube-apiserver.yaml');
      assert.equal(apiserver.status, 'failed');
      const builtIn = report.findings.filter((f) => f.exception?.reason === 'Kubernetes built-in'
        && ['host-network', 'host-path-volume', 'probe-host'].includes(f.controlId));
      assert.deepEqual(builtIn.map((f) => f.resourceId), []);
      // kube-bench's master Job mounts /etc/kubernetes and /var/lib/etcd like the control plane does: a Job is no static pod
      assert.equal(one('host-path-volume', 'batch/v1//Job/kube-bench-master', 'kube-bench/job-master.yaml').status, 'failed');
      assert.equal(one('service-account-token-mounted', 'batch/v1//Job/kube-bench-master', 'kube-bench/job-master.yaml').status, 'failed');
    });
  });
});

describe('the control plane\'s own static pods (issue 15)', () => {
  // kops' kube-apiserver manifest where kops' nodeup writes it, under a node's disk mounted elsewhere
  let report: ScanReport;
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-static-'));
    const manifests = path.join(dir, 'etc/kubernetes/manifests');
    fs.mkdirSync(manifests, { recursive: true });
    fs.copyFileSync(path.join(CORPUS, 'kops/nodeup-golden/minimal/kube-apiserver.yaml'), path.join(manifests, 'kube-apiserver.yaml'));
    fs.copyFileSync(path.join(CORPUS, 'kops/nodeup-golden/minimal/kube-proxy.yaml'), path.join(manifests, 'kube-proxy.yaml'));
    report = scanPaths([dir]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const finding = (control: string, name: string) => report.findings.find((f) => f.controlId === control && f.resourceId === `/v1/kube-system/Pod/${name}`);

  it('host-network: the apiserver is excepted as Kubernetes built-in, visible and counted; kube-proxy (not control plane) still fails', () => {
    const f = finding('host-network', 'kube-apiserver')!;
    assert.equal(f.status, 'excepted');
    assert.deepEqual(f.exception, { source: 'palisade', reason: 'Kubernetes built-in' });
    assert.match(f.message, /it is the kube-apiserver static pod manifest of the control plane/);
    const c = report.controls.find((x) => x.id === 'host-network')!;
    assert.deepEqual([c.counts.excepted, c.counts.failed], [1, 1]);
    assert.equal(finding('host-network', 'kube-proxy')!.status, 'failed');
  });

  it('probe-host: its probes of 127.0.0.1 are excepted', () => {
    assert.equal(finding('probe-host', 'kube-apiserver')!.status, 'excepted');
  });

  it('host-path-volume: the mounts its flags name are excepted, the others keep the pod failed', () => {
    const f = finding('host-path-volume', 'kube-apiserver')!;
    assert.equal(f.status, 'failed');
    const srv = f.paths.find((p) => /"srvkapi"/.test(p.message))!;
    assert.match(srv.message, /needs it \(kube-apiserver's --etcd-cafile names \/srv\/kubernetes\/kube-apiserver\/etcd-ca\.crt\)/);
    const sshproxy = f.paths.find((p) => /"srvsshproxy"/.test(p.message))!;
    assert.doesNotMatch(sshproxy.message, /needs it/);
  });
});

describe('the corpus through the CLI', () => {
  it('exits 3 (some input unreadable) after printing the full report', () => {
    const out = runCli(['scan', CORPUS, '--format', 'json']);
    assert.equal(out.code, 3, out.stderr);
    const report = JSON.parse(out.stdout) as ScanReport;
    assert.equal(report.errors.length, 7);
    assert.match(out.stderr, /7 input error\(s\)/);
    assert.match(out.stderr, /quobyte-admin-secret\.yaml:9:1: invalid YAML: duplicated mapping key/);
  });
});
