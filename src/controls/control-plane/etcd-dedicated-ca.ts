import { defineControl } from '../define.js';
import type { Resource } from '../../model/types.js';
import type { NodeFile } from '../../model/node.js';
import type { Component } from '../../inventory/components.js';
import { ETCD_CONFIG_FILE_NOTE, etcdTargets, failFlag, noComponentReason, samePath } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

const CA = '--trusted-ca-file=/etc/kubernetes/pki/ca.crt';

export default defineControl({
  id: 'etcd-dedicated-ca',
  aliases: ['C-0159'],
  title: 'etcd trusts the cluster CA',
  severity: 'medium',
  section: 'control-plane',
  failsWhen: 'etcd\'s --trusted-ca-file is the same file as the kube-apiserver\'s --client-ca-file (on a node: or a file with the same content).',
  rationale:
    'If etcd trusts the CA that signs every Kubernetes client certificate, any user or kubelet certificate is '
    + 'also a key to the database. The v1.1 revision asks for a separate CA for etcd, whose certificates only the '
    + 'API server holds.',
  remediation: 'Create a dedicated CA for etcd (kubeadm does: /etc/kubernetes/pki/etcd/ca.crt), issue etcd\'s and the API server\'s etcd client certificates from it, and point --trusted-ca-file at it.',
  example: {
    failing: `${staticPod('kube-apiserver', ['--client-ca-file=/etc/kubernetes/pki/ca.crt'])}---\n${staticPod('etcd', [CA])}`,
    passing: `${staticPod('kube-apiserver', ['--client-ca-file=/etc/kubernetes/pki/ca.crt'])}---\n${staticPod('etcd', ['--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'])}`,
  },
  reads: ['Pod'],
  appliesTo: 'inventory',
  nothingToEvaluate: `${noComponentReason(['etcd', 'kube-apiserver'])} (both are needed to compare their CAs); ${ETCD_CONFIG_FILE_NOTE}`,
  targets(inventory): Resource[] {
    return inventory.components().of('kube-apiserver').length ? etcdTargets(inventory) : [];
  },
  check({ resource }, ctx) {
    const index = ctx.inventory.components();
    for (const etcd of index.at(resource, 'etcd')) {
      if (etcd.settingsNotInInput) continue;
      const ca = etcd.flags.value('trusted-ca-file');
      if (!ca) continue; // no client CA at all is etcd-tls' finding
      for (const api of index.of('kube-apiserver')) {
        const clientCa = api.flags.value('client-ca-file');
        if (!clientCa) continue;
        if (samePath(ca, clientCa)) {
          failFlag(etcd, ctx, 'trusted-ca-file', `--trusted-ca-file=${ca} is the API server's --client-ca-file: every cluster client certificate is accepted by etcd`);
        } else if (sameContent(etcd, ca, api, clientCa)) {
          failFlag(etcd, ctx, 'trusted-ca-file', `--trusted-ca-file=${ca} holds the same CA as the API server's --client-ca-file=${clientCa}`);
        }
      }
    }
  },
});

/** On a node, CA files are fingerprinted: a copy of the cluster CA is still the cluster CA. */
function sameContent(a: Component, aPath: string, b: Component, bPath: string): boolean {
  const fa = fingerprint(a, aPath), fb = fingerprint(b, bPath);
  return fa !== undefined && fa === fb;
}

function fingerprint(c: Component, p: string): string | undefined {
  const files = (c.resource.object.spec as { files?: NodeFile[] } | undefined)?.files;
  return Array.isArray(files) ? files.find((f) => samePath(f.path, p))?.sha256 : undefined;
}
