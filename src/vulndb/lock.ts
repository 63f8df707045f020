// One import at a time per database: `<db>/.lock` holds the pid of the process importing. A lock
// whose process is gone (a crash, a kill) is taken over.
import fs from 'node:fs';
import path from 'node:path';

export class DbBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DbBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function withDbLock<T>(dbDir: string, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(dbDir, { recursive: true });
  const file = path.join(dbDir, '.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DbBusyError(`another palisade (pid ${pid}) is importing into ${dbDir}; wait for it, or remove ${file} if it is not running`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
