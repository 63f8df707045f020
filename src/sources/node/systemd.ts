// The command line systemd starts a service with, composed from the service's files: on a node's
// disk mounted elsewhere there are no processes, but the kubelet's unit (k3s', rke2's) says how it is
// started. As systemd composes it (systemd.unit(5), systemd.service(5), systemd.exec(5)):
// - the unit file is the first <dir>/<unit> of the unit search path (UNIT_DIRS); one linked to
//   /dev/null is masked (never started);
// - drop-ins are <dir>/<unit>.d/*.conf of every directory of the path, a file name in an earlier
//   directory hiding the same name in later ones, applied after the unit file in lexical order of
//   their names;
// - `ExecStart=` with an empty value resets the command; the last one is what starts (a simple
//   service has one); its prefixes (`-`, `@`, `+`, `!`, `:`) are not part of the command;
// - `Environment=` assignments (words, quoted as the shell does: `Environment="A=b c" D=e`), then
//   `EnvironmentFile=` files (`-` before the path: it may be missing), whose variables override
//   those of Environment=; an empty assignment resets either list;
// - in ExecStart, `$NAME` as a word of its own becomes the variable's value split into words (zero
//   or more arguments); `${NAME}` anywhere in a word is replaced by the value as it is; an unset
//   variable is empty; `$$` is `$`. The specifiers %n, %N, %p, %t and %% are expanded.
// Each argument points at the line it came from: the ExecStart line, or the line that set the
// variable it came from (the drop-in's Environment=, the environment file's assignment).
import fs from 'node:fs';
import path from 'node:path';
import type { SourceLocation } from '../../model/types.js';
import type { Host } from './host.js';
import type { Origin } from './processes.js';

/** The system unit search path, most important first (/run is empty on a disk: it is a tmpfs). */
export const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];

export interface UnitCommand {
  unit: string;
  /** The unit file and its drop-ins, in the order applied, then the environment files read (paths on the node). */
  files: string[];
  /** ExecStart, expanded: the executable, then its arguments. */
  args: Origin[];
  /** What could not be derived as systemd would (an environment file that is missing, a specifier not expanded). */
  gaps: string[];
  /** The environment files read, with the names (never the values) of the variables each sets. */
  environmentFiles: Array<{ path: string; names: string[] }>;
}

export type UnitResult = UnitCommand | { masked: string } | undefined;

interface Entry { key: string; value: string; at: SourceLocation }

interface Variable { value: string; at: SourceLocation }

/** The command systemd would start `unit` with, or undefined when the node has no such unit (or it has no ExecStart). */
export function unitCommand(host: Host, unit: string): UnitResult {
  let main: string | undefined;
  for (const dir of UNIT_DIRS) {
    const found = resolve(host, `${dir}/${unit}`);
    if (!found) continue;
    if (found.masked) return { masked: `${dir}/${unit}` };
    main = found.path;
    break;
  }
  if (!main) return undefined;
  const dropIns = new Map<string, string>();
  for (const dir of UNIT_DIRS) {
    for (const name of host.list(`${dir}/${unit}.d`)) {
      if (!name.endsWith('.conf') || dropIns.has(name)) continue;
      const found = resolve(host, `${dir}/${unit}.d/${name}`);
      if (found && !found.masked) dropIns.set(name, found.path);
      else if (found?.masked) dropIns.set(name, ''); // a drop-in linked to /dev/null hides the others of that name
    }
  }
  const files = [main, ...[...dropIns.keys()].sort().map((n) => dropIns.get(n)!).filter(Boolean)];
  const gaps: string[] = [];
  const specifiers = (s: string): string => expandSpecifiers(s, unit, gaps);

  let exec: Entry | undefined;
  const assignments: Array<{ name: string; value: string; at: SourceLocation }> = [];
  let envFiles: Entry[] = [];
  for (const file of files) {
    const text = host.read(file, `systemd unit ${unit}`);
    if (text === undefined) continue;
    for (const e of entries(text, host.real(file))) {
      if (e.key === 'ExecStart') {
        exec = e.value === '' ? undefined : e;
      } else if (e.key === 'Environment') {
        if (e.value === '') assignments.length = 0;
        for (const word of splitWords(specifiers(e.value))) {
          const eq = word.indexOf('=');
          if (eq > 0) assignments.push({ name: word.slice(0, eq), value: word.slice(eq + 1), at: e.at });
        }
      } else if (e.key === 'EnvironmentFile') {
        if (e.value === '') envFiles = [];
        else envFiles.push({ ...e, value: specifiers(e.value) });
      }
    }
  }
  if (!exec) return undefined;

  const env = new Map<string, Variable>();
  for (const a of assignments) env.set(a.name, { value: a.value, at: a.at });
  const read: Array<{ path: string; names: string[] }> = [];
  for (const f of envFiles) {
    const optional = f.value.startsWith('-');
    const file = optional ? f.value.slice(1) : f.value;
    const found = resolve(host, file);
    if (!found || found.masked) {
      if (file.startsWith('/run/')) gaps.push(`${file} (EnvironmentFile= of ${unit}) is under /run, which a disk does not hold`);
      else if (!optional) gaps.push(`${file} (EnvironmentFile= of ${unit}) is missing: systemd would not start ${unit}`);
      continue;
    }
    const text = host.read(found.path, `EnvironmentFile= of ${unit}`);
    if (text === undefined) continue;
    const names: string[] = [];
    for (const v of environmentFile(text, host.real(found.path))) {
      env.set(v.name, { value: v.value, at: v.at });
      names.push(v.name);
    }
    read.push({ path: found.path, names });
  }

  const command = exec.value.replace(/^[-@+!:]+/, '');
  const at = exec.at;
  const words = splitWords(command);
  // `@/usr/bin/x name …`: the second word is the process's argv[0]; the executable is the one recognised
  if (/^[-+!:]*@/.test(exec.value) && words.length > 1) words.splice(1, 1);
  const args: Origin[] = [];
  for (const raw of words) {
    const word = specifiers(raw);
    const whole = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(word);
    if (whole) {
      const v = env.get(whole[1]);
      if (v) for (const w of splitWords(v.value)) args.push({ text: w, at: v.at });
      continue;
    }
    let from: SourceLocation = at;
    const text = word.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, name: string | undefined) => {
      if (!name) return '$';
      const v = env.get(name);
      if (v) from = v.at;
      return v?.value ?? '';
    });
    args.push({ text, at: from });
  }
  if (!args.length) return undefined;
  return { unit, files: [...files, ...read.map((r) => r.path)], args, gaps, environmentFiles: read };
}

/** Follows a symbolic link inside the node's tree: an absolute target is a path on the node, not on this machine. */
function resolve(host: Host, p: string): { path: string; masked: boolean } | undefined {
  let current = p;
  for (let hops = 0; hops < 16; hops++) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(host.real(current));
    } catch {
      return undefined;
    }
    if (!st.isSymbolicLink()) return st.isFile() ? { path: current, masked: false } : undefined;
    let target: string;
    try {
      target = fs.readlinkSync(host.real(current));
    } catch {
      return undefined;
    }
    if (target === '/dev/null') return { path: current, masked: true };
    current = path.posix.isAbsolute(target) ? target : path.posix.join(path.posix.dirname(current), target);
  }
  return undefined;
}

/** `Key=value` lines of a unit file's [Service] section, continuation lines joined. */
export function entries(text: string, file: string): Entry[] {
  const out: Entry[] = [];
  const lines = text.split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i].replace(/\r$/, '');
    const trimmed = first.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (trimmed.startsWith('[')) {
      section = trimmed.replace(/^\[|\].*$/g, '');
      continue;
    }
    const line = i + 1;
    let logical = first;
    // a backslash at the end of a line continues it (systemd puts a space in its place); comment lines within are skipped
    while (logical.endsWith('\\') && i + 1 < lines.length) {
      logical = `${logical.slice(0, -1)} `;
      const next = lines[++i].replace(/\r$/, '');
      if (/^\s*[#;]/.test(next)) logical += '\\';
      else logical += next;
    }
    const eq = logical.indexOf('=');
    if (eq < 0 || section !== 'Service') continue;
    const rest = logical.slice(eq + 1);
    const value = rest.trim();
    const column = eq + 2 + (rest.length - rest.trimStart().length);
    out.push({ key: logical.slice(0, eq).trim(), value, at: { file, line, column } });
  }
  return out;
}

/** Words as systemd splits a command line or an Environment= value: whitespace-separated, quotes removed, backslash escapes. */
export function splitWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && i + 1 < s.length) cur += unescape(s[++i]);
      else cur += ch;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === '"' || ch === '\'') quote = ch;
    else if (ch === '\\' && i + 1 < s.length) cur += unescape(s[++i]);
    else cur += ch;
  }
  if (inWord) out.push(cur);
  return out;
}

function unescape(ch: string): string {
  return ch === 'n' ? '\n' : ch === 't' ? '\t' : ch;
}

/**
 * The assignments of an environment file (systemd's format, which kubeadm's kubeadm-flags.env and
 * /etc/default/kubelet follow): `NAME=value` lines, `#` and `;` comment lines, values in single
 * quotes (literal) or double quotes (backslash escapes), a backslash at the end of a line continuing it.
 */
export function environmentFile(text: string, file: string): Array<{ name: string; value: string; at: SourceLocation }> {
  const out: Array<{ name: string; value: string; at: SourceLocation }> = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  const toEol = () => {
    while (i < n && text[i] !== '\n') i++;
  };
  while (i < n) {
    // start of a line
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
    if (i >= n) break;
    if (text[i] === '\n') {
      i++;
      line++;
      continue;
    }
    if (text[i] === '#' || text[i] === ';') {
      toEol();
      continue;
    }
    const startLine = line;
    const keyStart = i;
    while (i < n && text[i] !== '=' && text[i] !== '\n') i++;
    if (i >= n || text[i] === '\n') continue; // not an assignment
    const name = text.slice(keyStart, i).trim().replace(/^export\s+/, '');
    i++; // '='
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    const column = i - text.lastIndexOf('\n', i - 1);
    let value = '';
    let trailing = ''; // unquoted whitespace, kept only if more follows
    while (i < n && text[i] !== '\n') {
      const ch = text[i];
      if (ch === '\'') {
        value += trailing;
        trailing = '';
        const end = text.indexOf('\'', i + 1);
        const stop = end < 0 ? n : end;
        const chunk = text.slice(i + 1, stop);
        line += chunk.split('\n').length - 1;
        value += chunk;
        i = stop + 1;
      } else if (ch === '"') {
        value += trailing;
        trailing = '';
        i++;
        while (i < n && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < n) {
            const next = text[i + 1];
            if (next === '\n') line++;
            else value += '"\\`$'.includes(next) ? next : `\\${next}`;
            i += 2;
            continue;
          }
          if (text[i] === '\n') line++;
          value += text[i++];
        }
        i++;
      } else if (ch === '\\' && i + 1 < n) {
        const next = text[i + 1];
        if (next === '\n') line++;
        else {
          value += trailing + next;
          trailing = '';
        }
        i += 2;
      } else if (ch === ' ' || ch === '\t' || ch === '\r') {
        trailing += ch === '\r' ? '' : ch;
        i++;
      } else {
        value += trailing + ch;
        trailing = '';
        i++;
      }
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) out.push({ name, value, at: { file, line: startLine, column } });
  }
  return out;
}

/** systemd's specifiers for a system unit: %n the unit's name, %N without its type suffix, %p its prefix, %t /run, %% a %. */
function expandSpecifiers(s: string, unit: string, gaps: string[]): string {
  if (!s.includes('%')) return s;
  const name = unit.replace(/\.[^.]+$/, '');
  return s.replace(/%(.)/g, (m, c: string) => {
    switch (c) {
      case '%': return '%';
      case 'n': return unit;
      case 'N': return name;
      case 'p': return name.split('@')[0];
      case 't': return '/run';
      default:
        if (!gaps.some((g) => g.includes(m))) gaps.push(`the specifier ${m} in ${unit} is not expanded`);
        return m;
    }
  });
}
