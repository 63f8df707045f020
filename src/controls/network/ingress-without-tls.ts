import { defineControl } from '../define.js';
import { isObj } from '../../model/guards.js';

/** Whether a TLS host entry covers a rule host (`*.example.com` covers one label). */
function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (tlsHost.startsWith('*.')) {
    const suffix = tlsHost.slice(1);
    return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.');
  }
  return false;
}

export default defineControl({
  id: 'ingress-without-tls',
  aliases: ['C-0263', 'C-0231'],
  title: 'Ingress serves hosts without TLS',
  severity: 'medium',
  section: 'network',
  appliesTo: { kinds: ['Ingress'] },
  failsWhen: 'an Ingress serves hosts with no tls section covering them.',
  rationale:
    'Traffic that enters the cluster over plain HTTP can be read and changed on the way, credentials and session '
    + 'cookies included. The guidance asks that traffic be encrypted with TLS, in the cluster and at its edge.',
  remediation: 'Add a `tls` entry listing every host the Ingress serves, with a certificate Secret (cert-manager can issue it).',
  example: {
    failing: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`,
    passing: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  tls:
  - hosts: [shop.example.com]
    secretName: shop-tls
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`,
  },
  check({ resource }, ctx) {
    const spec = isObj(resource.object.spec) ? resource.object.spec : {};
    const tls = Array.isArray(spec.tls) ? spec.tls.filter(isObj) : [];
    const tlsHosts = tls.flatMap((t) => (Array.isArray(t.hosts) ? t.hosts.filter((h: unknown): h is string => typeof h === 'string') : []));
    // A tls entry without hosts applies to the default (host-less) rules, as ingress controllers read it.
    const hostlessCovered = tls.some((t) => !Array.isArray(t.hosts) || t.hosts.length === 0);
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    rules.forEach((rule: unknown, i: number) => {
      if (!isObj(rule)) return;
      if (typeof rule.host === 'string' && rule.host !== '') {
        if (!tlsHosts.some((t) => covers(t, rule.host))) {
          ctx.fail(['spec', 'rules', i, 'host'], `host ${rule.host} is served without TLS (no tls entry lists it)`, {
            fix: { description: `add ${rule.host} to a tls entry's hosts with a certificate secret` },
          });
        }
      } else if (!hostlessCovered) {
        ctx.fail(['spec', 'rules', i], 'a rule without a host is served without TLS', { fix: { description: 'add a tls entry with a certificate secret' } });
      }
    });
    if (rules.length === 0 && (spec.defaultBackend || spec.backend) && tls.length === 0) {
      ctx.fail(['spec', spec.defaultBackend ? 'defaultBackend' : 'backend'], 'the default backend is served without TLS', {
        fix: { description: 'add a tls entry with a certificate secret' },
      });
    }
  },
});
