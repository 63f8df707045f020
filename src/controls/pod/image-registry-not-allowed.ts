import { defineControl } from '../define.js';
import type { ControlInputs } from '../inputs.js';
import { describeContainer } from '../../inventory/index.js';
import { parseImageRef, type ImageRef } from '../../model/image-ref.js';

interface Reference {
  /** Registry host, lower case, for comparison: `docker.io` for Docker Hub (also written `index.docker.io` or left out). */
  registry: string;
  /** Repository path within the registry; Docker Hub's official images get their `library/` prefix. */
  repository: string;
  /** Whether the reference names its registry; when not, Docker Hub is implied. */
  explicit: boolean;
}

function normaliseHost(host: string): string {
  const h = host.toLowerCase();
  return h === 'index.docker.io' ? 'docker.io' : h;
}

/**
 * The registry and repository an allow-list entry is compared with, from the shared parser. Host
 * names compare in lower case (DNS is case-insensitive), so `Index.Docker.IO/x` is Docker Hub's
 * `library/x` here although Docker itself only maps `index.docker.io` exactly.
 */
export function referenceOf(ref: ImageRef): Reference {
  const registry = normaliseHost(ref.port !== undefined ? `${ref.registry}:${ref.port}` : ref.registry);
  let repository = ref.repository;
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  return { registry, repository, explicit: !ref.registryDefaulted };
}

/** Splits an image reference the way Docker does (digest and tag removed); surrounding blanks are ignored. */
export function parseImage(image: string): Reference {
  return referenceOf(parseImageRef(image.trim()));
}

interface Allowed { host: string; path: string }

const compiled = new WeakMap<ControlInputs, Allowed[]>();

function allowedList(inputs: ControlInputs): Allowed[] {
  let list = compiled.get(inputs);
  if (!list) {
    list = (inputs.allowedRegistries ?? []).map((raw) => {
      const entry = raw.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
      const slash = entry.indexOf('/');
      return slash < 0
        ? { host: normaliseHost(entry), path: '' }
        : { host: normaliseHost(entry.slice(0, slash)), path: entry.slice(slash + 1) };
    }).filter((a) => a.host !== '');
    compiled.set(inputs, list);
  }
  return list;
}

/** An entry allows its whole registry, or a repository prefix that ends at a '/' boundary. */
function isAllowed(ref: Reference, allowed: Allowed[]): boolean {
  return allowed.some((a) => a.host === ref.registry
    && (a.path === '' || ref.repository === a.path || ref.repository.startsWith(`${a.path}/`)));
}

export default defineControl({
  id: 'image-registry-not-allowed',
  aliases: ['C-0001', 'C-0078'],
  title: 'Image from a registry that is not allowed',
  severity: 'medium',
  section: 'pod-security',
  appliesTo: 'containers',
  inputs: ['allowedRegistries'],
  skipIf(inputs) {
    if (!inputs.allowedRegistries || inputs.allowedRegistries.length === 0) {
      return 'allowedRegistries is not configured: set inputs.allowedRegistries in .palisade.yaml to the registries '
        + '(or registry/path prefixes such as ghcr.io/acme) that images may come from';
    }
    return undefined;
  },
  failsWhen: 'a container image\'s registry (Docker Hub when the reference names none) is not in allowedRegistries from the config.',
  rationale:
    'An image is code that runs with the workload\'s identity and access, and a public registry lets anyone publish '
    + 'under a name that looks right. The NSA/CISA Kubernetes Hardening Guidance asks that images come from trusted '
    + 'repositories and be scanned before they are deployed; restricting images to registries the organisation '
    + 'controls or mirrors is how that policy is enforced, and this control finds the images that bypass it.',
  remediation:
    'Pull the image through an allowed registry (mirror or re-publish it there after scanning) and reference it '
    + 'from there, or, if the registry is trusted, add it to allowedRegistries; enforce the same list at admission '
    + '(Kyverno, Gatekeeper or a ValidatingAdmissionPolicy).',
  example: {
    inputs: { allowedRegistries: ['registry.acme.example'] },
    failing: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: someuser/nginx-custom:1.27
`,
    passing: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: registry.acme.example/shop/nginx:1.27
`,
  },
  check({ container }, ctx) {
    if (!container.image) return;
    const image = container.image.text;
    const ref = image === image.trim() ? referenceOf(container.image) : parseImage(image);
    if (isAllowed(ref, allowedList(ctx.inputs))) return;
    const registry = ref.explicit ? `registry "${ref.registry}"` : `registry "${ref.registry}" (no registry in the reference means Docker Hub)`;
    ctx.fail([...container.path, 'image'],
      `${describeContainer(container)} image "${image}" comes from ${registry}, which is not in allowedRegistries (${ctx.inputs.allowedRegistries!.join(', ')})`, {
        fix: { description: 'pull the image from an allowed registry (mirror it there), or add its registry to allowedRegistries' },
      });
  },
});
