// Secrets, read without their data: two metadata-only lists. The first has every Secret; the
// second, filtered on the server with the `type` field selector (which the Secret registry
// supports: pkg/registry/core/secret), has the service-account-token ones — the only type a
// control judges (long-lived-token-secret), and one that metadata alone does not carry.
import type { ApiClient } from './http.js';
import type { ServedKind } from './kinds.js';
import { listKind, type ListOptions, type ListResult } from './list.js';

export const SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';

export async function listSecrets(client: ApiClient, kind: ServedKind, options: ListOptions): Promise<ListResult> {
  const selector = [options.fieldSelector, `type=${SERVICE_ACCOUNT_TOKEN}`].filter(Boolean).join(',');
  const [all, tokens] = await Promise.all([
    listKind(client, kind, options),
    listKind(client, kind, { ...options, fieldSelector: selector }),
  ]);
  if (!all.ok) return all;
  // without the second list every token Secret would pass unseen: the kind counts as unread
  if (!tokens.ok) return tokens;
  const isToken = new Set(tokens.items.map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
  for (const s of all.items) if (isToken.has(`${s.metadata.namespace}/${s.metadata.name}`)) s.type = SERVICE_ACCOUNT_TOKEN;
  return all;
}
