import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importProgressText, progressLine } from './db-command.js';

const sink = (isTTY: boolean, written: string[]) => ({ isTTY, write: (s: string) => { written.push(s); return true; } }) as never;

describe('db progress', () => {
  it('on a terminal: one line rewritten in place, at most every 100 ms unless forced, control characters replaced, cleared at the end', () => {
    const written: string[] = [];
    let clock = 0;
    const p = progressLine(false, sink(true, written), () => clock);
    p.show('a');
    clock = 50;
    p.show('b'); // too soon
    p.show('c\u001b[2J', true);
    clock = 200;
    p.show('d');
    p.done();
    assert.deepEqual(written, ['\r\x1b[Ka', '\r\x1b[Kc?[2J', '\r\x1b[Kd', '\r\x1b[K']);
  });

  it('silent when standard error is not a terminal, or with --quiet', () => {
    for (const [quiet, isTTY] of [[false, false], [true, true]] as const) {
      const written: string[] = [];
      const p = progressLine(quiet, sink(isTTY, written));
      p.show('x', true);
      p.done();
      assert.deepEqual(written, []);
    }
  });

  it('import progress text: records, bad ones, share of the archive read', () => {
    assert.equal(importProgressText({ source: '/a.zip', records: 1200, bad: 0, bytesRead: 50, totalBytes: 200 }), 'palisade: db: importing: 1200 records (25% of the archive)');
    assert.equal(importProgressText({ source: '/d', records: 3, bad: 2 }), 'palisade: db: importing: 3 records, 2 bad');
  });
});
