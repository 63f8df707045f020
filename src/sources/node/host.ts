// Reading a host's files under a root directory: a path /etc/x is read at <root>/etc/x.
// Every failure is recorded once, with the file and the reason; nothing here throws.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InputError } from '../../model/types.js';
import { describeFsError } from '../files/walk.js';

export class Host {
  readonly errors: InputError[] = [];
  private readonly reported = new Set<string>();

  constructor(readonly root: string) {}

  /** Where a host path is on this machine. */
  real(p: string): string {
    return this.root === '/' ? p : path.join(this.root, p);
  }

  exists(p: string): boolean {
    return fs.existsSync(this.real(p));
  }

  stat(p: string, why: string): fs.Stats | undefined {
    try {
      return fs.statSync(this.real(p));
    } catch (e) {
      this.fail(p, `${describeFsError(e, this.real(p))} (${why})`);
      return undefined;
    }
  }

  /** Reads a file; on failure records why and returns undefined. */
  read(p: string, why: string): string | undefined {
    try {
      return fs.readFileSync(this.real(p), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const hint = code === 'EACCES' || code === 'EPERM' ? '; run as root to evaluate its content' : '';
      this.fail(p, `${describeFsError(e, this.real(p))} (${why})${hint}`);
      return undefined;
    }
  }

  readBuffer(p: string): Buffer | undefined {
    try {
      return fs.readFileSync(this.real(p));
    } catch {
      return undefined;
    }
  }

  list(dir: string): string[] {
    try {
      return fs.readdirSync(this.real(dir)).sort();
    } catch {
      return [];
    }
  }

  hostname(): string {
    const fromFile = this.readQuiet('/etc/hostname')?.trim().split('\n')[0]?.trim();
    if (fromFile) return fromFile;
    return this.root === '/' ? os.hostname() : 'node';
  }

  readQuiet(p: string): string | undefined {
    try {
      return fs.readFileSync(this.real(p), 'utf8');
    } catch {
      return undefined;
    }
  }

  private fail(p: string, message: string): void {
    if (this.reported.has(p)) return;
    this.reported.add(p);
    this.errors.push({ file: this.real(p), message });
  }
}
