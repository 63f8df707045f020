import { defineControl } from '../define.js';
import { describeContainer } from '../../inventory/index.js';

/** The tag of an image reference: the part after the last ':' that follows the last '/'; undefined when there is none. */
function tagOf(reference: string): string | undefined {
  const at = reference.indexOf('@');
  const name = at >= 0 ? reference.slice(0, at) : reference;
  const colon = name.lastIndexOf(':');
  // `localhost:5000/app`: the ':' belongs to the registry host, not to a tag
  if (colon < 0 || colon < name.lastIndexOf('/')) return undefined;
  return name.slice(colon + 1);
}

export default defineControl({
  id: 'image-not-pinned',
  aliases: ['C-0075', 'C-0306'],
  title: 'Image not pinned to a version or digest',
  severity: 'low',
  section: 'pod-security',
  appliesTo: 'containers',
  failsWhen: 'a container image has no tag, or the tag `latest`, and no `@sha256:` digest.',
  rationale:
    'An image without a tag, or tagged `latest`, resolves to whatever the registry serves at pull time: two nodes '
    + 'can run different code under the same spec, a rollback does not bring the old code back, and a compromised '
    + 'or mistaken push reaches the cluster at the next restart without any review. The NSA/CISA Kubernetes '
    + 'Hardening Guidance asks that images come from trusted, scanned sources and stay that way; only an immutable '
    + 'reference (a digest, or at least a version tag) ties the running container to the image that was scanned and approved.',
  remediation:
    'Reference the image by digest (`registry/app@sha256:…`, optionally with its tag for readability) or at least '
    + 'by an explicit version tag, and let your CI or a tool such as Renovate update it.',
  example: {
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
        image: nginx:latest
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
        image: nginx:1.27.3@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a
`,
  },
  check({ container }, ctx) {
    const image = container.spec.image;
    if (typeof image !== 'string' || image.trim() === '') return;
    if (/@sha256:[^@]+$/.test(image)) return;
    const tag = tagOf(image);
    if (tag !== undefined && tag !== '' && tag !== 'latest') return;
    const problem = tag === 'latest' ? 'uses the tag "latest"' : 'has no tag (it pulls "latest")';
    ctx.fail([...container.path, 'image'], `${describeContainer(container)} image "${image}" ${problem} and no @sha256: digest`, {
      fix: { description: 'pin the image to a digest (image@sha256:...) or at least to a version tag' },
    });
  },
});
