import { defineControl } from '../define.js';
import { describeContainer } from '../../inventory/index.js';

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
    const ref = container.image;
    if (!ref) return;
    const image = ref.text;
    // a sha256 digest pins it (the reference parser splits at the first '@')
    if (ref.digest !== undefined && ref.digest.startsWith('sha256:') && ref.digest.length > 'sha256:'.length) return;
    const tag = ref.tag;
    if (tag !== undefined && tag !== '' && tag !== 'latest') return;
    const problem = tag === 'latest' ? 'uses the tag "latest"' : 'has no tag (it pulls "latest")';
    ctx.fail([...container.path, 'image'], `${describeContainer(container)} image "${image}" ${problem} and no @sha256: digest`, {
      fix: { description: 'pin the image to a digest (image@sha256:...) or at least to a version tag' },
    });
  },
});
