import { defineControl } from '../define.js';
import { componentControl, failFlag, failInConfig, shown } from '../templates/component-control.js';
import { staticPod } from '../templates/static-pod-example.js';

type Obj = Record<string, any>;
/** Resource names in an EncryptionConfiguration that cover Secrets (`*.` is every core resource, 1.27+). */
const COVERS_SECRETS = new Set(['secrets', 'secrets.', '*.', '*.*']);

export default defineControl({
  id: 'secrets-encryption-at-rest',
  aliases: ['C-0066', 'C-0141', 'C-0142', 'C-0244'],
  title: 'Secrets are not encrypted at rest',
  severity: 'high',
  section: 'control-plane',
  failsWhen: '--encryption-provider-config is missing; or, when that file is in the input, its first provider for secrets is identity, or secrets are not covered.',
  rationale:
    'Without encryption at rest, Secrets sit in etcd and in its backups as base64, readable by anyone who gets a '
    + 'copy of the data directory or a snapshot. The guidance asks for an encryption provider (aescbc, aesgcm, '
    + 'secretbox or, better, a KMS) as the first provider for secrets; identity first means new writes are stored in '
    + 'clear text.',
  remediation: 'Write an EncryptionConfiguration whose entry for `secrets` lists a KMS or aescbc/aesgcm/secretbox provider first (identity last, for reading old data), pass it with --encryption-provider-config, and rewrite existing Secrets.',
  example: {
    failing: staticPod('kube-apiserver', ['--etcd-servers=https://127.0.0.1:2379']),
    passing: staticPod('kube-apiserver', ['--encryption-provider-config=/etc/kubernetes/enc/encryption.yaml']),
  },
  ...componentControl(['kube-apiserver'], (c, ctx) => {
    const flag = c.flags.get('encryption-provider-config');
    if (!flag || flag.value === '') {
      failFlag(c, ctx, 'encryption-provider-config', '--encryption-provider-config is not set: Secrets are stored unencrypted in etcd');
      return;
    }
    const config = c.configs.encryption;
    if (!config) return; // the flag is set and the file's content is not in the input: nothing more to judge
    const { object, name } = config.resource;
    const entries: unknown[] = Array.isArray(object.resources) ? object.resources : [];
    const index = entries.findIndex((e) => {
      const names = (e as Obj)?.resources;
      return Array.isArray(names) && names.some((n) => COVERS_SECRETS.has(String(n)));
    });
    const file = `${name} (${shown(c, 'encryption-provider-config')})`;
    if (index < 0) {
      failInConfig(c, ctx, config, ['resources'], `the encryption config ${file} does not cover secrets`);
      return;
    }
    const providers: unknown[] = Array.isArray((entries[index] as Obj).providers) ? (entries[index] as Obj).providers : [];
    const first = providers[0] as Obj | undefined;
    const kind = first && typeof first === 'object' ? Object.keys(first)[0] : undefined;
    if (kind === undefined) {
      failInConfig(c, ctx, config, ['resources', index, 'providers'], `the encryption config ${file} lists no provider for secrets`);
    } else if (kind === 'identity') {
      // Only the provider's name: never its keys.
      failInConfig(c, ctx, config, ['resources', index, 'providers', 0, 'identity'],
        `the first provider for secrets in ${file} is identity: new Secrets are written unencrypted`);
    }
  }),
});
