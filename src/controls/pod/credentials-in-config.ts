// credentials-in-config: a credential written as a literal in a workload (env var, argument,
// command), a ConfigMap (data, lines of the configuration files in it, binaryData) or an annotation
// of any object but a Secret. The rules
// are in templates/: secret-names.ts (by name), secret-patterns.ts (by value), credential-rules.ts
// (the two with the config's inputs), credential-places.ts (where to look).
import { defineControl } from '../define.js';
import { describeContainer } from '../../inventory/index.js';
import type { Fix, Resource } from '../../model/types.js';
import { annotationPlaces, configMapPlaces, containerPlaces, pairAwsKeys, type Place } from '../templates/credential-places.js';

// Exported for `fix --dry-run`, whose diff redacts by the same rules.
export { credentialReason } from '../templates/credential-rules.js';

const FIX: Fix = { description: 'move it into a Secret and reference it with valueFrom.secretKeyRef' };
const ARGUMENT_FIX: Fix = {
  description: 'move it into a Secret, expose it as an env var with valueFrom.secretKeyRef and pass it as $(VAR) in the arguments',
};
const ANNOTATION_FIX: Fix = { description: 'remove the credential from the annotation and keep it in a Secret' };
const LAST_APPLIED_FIX: Fix = {
  description: 'move the credential into a Secret and apply again, or apply server-side (kubectl apply --server-side does not keep the manifest in this annotation)',
};

export default defineControl({
  id: 'credentials-in-config',
  aliases: ['C-0012'],
  title: 'Credentials written in env vars, arguments, ConfigMaps or annotations',
  severity: 'high',
  section: 'pod-security',
  appliesTo: 'inventory',
  failsWhen:
    'a container env var with a literal value, a container argument or command, a ConfigMap data or binaryData '
    + 'entry, or an annotation holds a value that looks like a credential by its format (a private key, a JWT, an AWS '
    + 'key pair, a GitHub, Slack, Stripe or `sk-` API token, a Google service account key, an Azure connection '
    + 'string key, a URL with a password), or an env var, ConfigMap key, `--flag`/`NAME=` argument or setting on a '
    + 'line of a configuration file in a ConfigMap (`db.password=…`, `admin_password = …`) whose name '
    + 'marks a credential (password, passwd, pwd, passphrase, secret, token, key, credential, jwt, bearer, auth, as '
    + 'a word or the end of one) has a literal value. Not failed: `valueFrom` and `envFrom` references, names that '
    + 'only name a secret or a setting about it (`*_FILE`, `*_PATH`, `*_DIR`, `*_NAME`, `*_URL`, `*_MODE`, `*_ID`; a '
    + '`*_KEY_ID` whose value is shaped like a public id), empty values, switches, file paths, `$(VAR)`/`${VAR}` '
    + 'references, names of public keys and record or log-field keys (`PUBLIC_KEY`, `PARTITION_KEY`, `timeKey`), '
    + 'obvious placeholders (`<password>`, `xxx`, `***`, `REPLACE_ME`, `your-password-here`, `example`, `dummy`; '
    + '`changeme` and `admin` are real default passwords and fail), an AWS access key id without its '
    + 'secret key, and the annotations of Secrets.',
  rationale:
    'A credential written into a manifest as a literal env value, argument, ConfigMap entry or annotation is stored '
    + 'in plain text in the repository, in etcd, and in every `kubectl get -o yaml`, and anyone who may read the '
    + 'workload, the ConfigMap or the object may read it; RBAC treats Secrets separately for exactly this reason. The '
    + 'NSA/CISA Kubernetes Hardening Guidance asks that secrets be kept in Kubernetes Secrets (encrypted at rest) or '
    + 'an external secrets manager, never in pod specs or ConfigMaps, so that access to them can be restricted and '
    + 'audited. Client-side `kubectl apply` copies the whole manifest into the '
    + '`kubectl.kubernetes.io/last-applied-configuration` annotation, so a credential once applied stays there. '
    + 'Findings name the key, where it is and the rule that matched, with the format\'s public prefix at most '
    + '(`ghp_****`): never the value. Where other tools differ: Checkov (CKV_K8S_35) fails every Secret consumed '
    + 'as environment variables, `envFrom.secretRef` and `secretKeyRef` included; Palisade passes them, since the '
    + 'value then lives in a Secret, which is what the guidance asks. Kubescape (C-0012) matches names as '
    + 'substrings (`key` in `KEYCLOAK_URL`, `auth` in `AUTHOR`) and flags an AWS access key id alone; Palisade '
    + 'matches words and the ends of words, and an id only with its secret access key, which is what signs requests.',
  remediation:
    'Put the value in a Secret (or an external secrets store synced to one) and reference it with '
    + '`valueFrom.secretKeyRef`, `envFrom.secretRef` or a Secret volume; pass it to arguments as `$(VAR)` from such '
    + 'an env var; take it out of annotations. Rotate the credential, since it has already been exposed wherever '
    + 'the manifest went. A value that is not a credential can be allowed in the config '
    + '(`inputs.sensitiveKeyNamesAllowed`, `inputs.sensitiveValuesAllowed`) or excepted.',
  inputs: ['sensitiveKeyNames', 'sensitiveValuePatterns', 'sensitiveKeyNamesAllowed', 'sensitiveValuesAllowed'],
  example: {
    failing: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
        env:
        - name: DB_HOST
          value: postgres.shop.svc
        - name: DB_PASSWORD
          value: hunter2-but-longer
`,
    passing: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.1
        env:
        - name: DB_HOST
          value: postgres.shop.svc
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: {name: api-db, key: password}
`,
  },
  // Workloads and ConfigMaps, and every other object but a Secret (whose data is where credentials
  // belong) that carries annotations.
  *targets(inventory) {
    for (const r of inventory.resources) {
      if (r.kind === 'ConfigMap' || inventory.podOf(r) !== undefined || (r.kind !== 'Secret' && hasAnnotations(r))) yield r;
    }
  },
  check({ resource }, ctx) {
    const pod = ctx.inventory.podOf(resource);
    if (resource.kind !== 'Secret') {
      for (const p of judged(annotationPlaces(resource, pod, ctx.inputs))) {
        ctx.fail(p.path, `${p.where} holds a credential: ${p.reason}`, { fix: p.path[p.path.length - 1] === LAST_APPLIED ? LAST_APPLIED_FIX : ANNOTATION_FIX });
      }
    }
    if (resource.kind === 'ConfigMap') {
      for (const p of judged(configMapPlaces(resource, ctx.inputs))) ctx.fail(p.path, `${p.where} looks like a credential: ${p.reason}`, { fix: FIX });
    }
    if (!pod) return;
    for (const container of pod.containers) {
      for (const p of judged(containerPlaces(container, ctx.inputs))) {
        if (p.path[p.path.length - 1] === 'value') {
          ctx.fail(p.path, `${describeContainer(container)} sets ${p.where} to a literal value that looks like a credential: ${p.reason}`, { fix: FIX });
        } else {
          ctx.fail(p.path, `${describeContainer(container)} has a credential in ${p.where}: ${p.reason}`, { fix: ARGUMENT_FIX });
        }
      }
    }
  },
});

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The places that are credentials, once AWS key ids and secret keys in sibling places are paired. */
function judged(places: Place[]): Place[] {
  if (places.length === 0) return places;
  pairAwsKeys(places);
  return places.filter((p) => p.reason !== undefined);
}

function hasAnnotations(r: Resource): boolean {
  const metadata: unknown = r.object.metadata;
  if (typeof metadata !== 'object' || metadata === null) return false;
  const annotations: unknown = (metadata as { annotations?: unknown }).annotations;
  if (typeof annotations !== 'object' || annotations === null) return false;
  for (const _ in annotations) return true;
  return false;
}
