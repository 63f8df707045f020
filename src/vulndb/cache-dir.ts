// Where Palisade keeps what it caches (the vulnerability database, image blobs): $PALISADE_CACHE_DIR,
// else $XDG_CACHE_HOME/palisade (XDG Base Directory Specification: relative values are ignored),
// else ~/.cache/palisade.
import os from 'node:os';
import path from 'node:path';

export function cacheDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const own = env.PALISADE_CACHE_DIR;
  if (own) return path.resolve(own);
  const xdg = env.XDG_CACHE_HOME;
  // the XDG spec: "If an implementation encounters a relative path in any of these variables it should consider the path invalid and ignore it."
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'palisade');
  return path.join(home, '.cache', 'palisade');
}

/** The vulnerability database's directory: `<cache>/db`. */
export function defaultDbDir(env: NodeJS.ProcessEnv = process.env, home?: string): string {
  return path.join(cacheDir(env, home), 'db');
}
