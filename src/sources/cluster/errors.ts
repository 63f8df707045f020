// Errors that end a cluster scan (the CLI prints the message as one line and exits 3), and the
// helpers that keep credentials out of every message.

/** Anything the cluster source throws. The message is one line, with no token, key or kubeconfig content. */
export class ClusterError extends Error {
  override name = 'ClusterError';
}

/** The kubeconfig could not be used: file missing, no such context, no current context, bad credentials plugin. */
export class KubeconfigError extends ClusterError {
  override name = 'KubeconfigError';
}

/** 401: the API server rejected the credentials. Nothing else can be read with them. */
export class Unauthorized extends ClusterError {
  override name = 'Unauthorized';
}

/** Connection refused, DNS, TLS verification: the API server could not be talked to at all. */
export class Unreachable extends ClusterError {
  override name = 'Unreachable';
}

/** JWTs (service-account and OIDC tokens), bootstrap tokens, and long runs of letters and digits (static tokens, base64 keys). */
const OPAQUE = /eyJ[\w-]*\.[\w-]*\.[\w-]*|\b[a-z0-9]{6}\.[a-z0-9]{16}\b|[A-Za-z0-9+/=_-]{24,}/g;

/**
 * One line of text from elsewhere (a Status message, a credentials plugin's stderr) made safe to
 * show: first line only, shortened, and opaque strings that could be credentials replaced.
 */
export function safeLine(text: string, max = 300): string {
  const first = String(text).split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  // a run of 24+ counts only with both letters and digits: `clusterroles.rbac.authorization.k8s.io` stays
  const redacted = first.replace(OPAQUE, (m) => (m.startsWith('eyJ') || m.includes('.') || (/\d/.test(m) && /[A-Za-z]/.test(m)) ? '[redacted]' : m));
  return redacted.length > max ? `${redacted.slice(0, max)}…` : redacted;
}

/** The server URL for messages: scheme, host and path, never user information. */
export function showServer(server: string): string {
  try {
    const u = new URL(server);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(an invalid server URL)';
  }
}
