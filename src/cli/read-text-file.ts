// Files the user names for Palisade itself (--config, --exceptions) are read within a bound too:
// `--config /dev/zero` or an endless pipe must not grow without end. A named pipe is read (a
// config from process substitution); a device or directory is refused. The limit is far above any
// real configuration or exceptions file.
import { readFileLimited } from '../sources/files/read-limited.js';
import { UsageError } from '../model/errors.js';

export const MAX_SETTINGS_FILE = 16 * 1024 * 1024;

/** The file's text, or a usage error (exit 2) naming it and why it could not be read. */
export function readSettingsFile(file: string, what: string): string {
  const read = readFileLimited(file, MAX_SETTINGS_FILE, { pipes: true });
  if ('refused' in read) throw new UsageError(`cannot read ${what} ${file}: ${read.refused.message.replace(/;? ?not (scanned|read)( \(raise it with --max-file-size\))?$/, '')}`);
  return read.bytes.toString('utf8');
}
