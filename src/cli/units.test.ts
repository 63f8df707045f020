import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../model/errors.js';
import { formatSize, parseDuration, parseSize } from './units.js';

describe('parseDuration', () => {
  it('reads a number and one unit of s, m, h, d or w', () => {
    assert.equal(parseDuration('--older-than', '45s'), 45_000);
    assert.equal(parseDuration('--older-than', '90m'), 90 * 60_000);
    assert.equal(parseDuration('--older-than', '12h'), 12 * 3_600_000);
    assert.equal(parseDuration('--older-than', '30d'), 30 * 86_400_000);
    assert.equal(parseDuration('--older-than', '2w'), 14 * 86_400_000);
    assert.equal(parseDuration('--older-than', '1.5d'), 36 * 3_600_000);
    assert.equal(parseDuration('--older-than', '0s'), 0);
  });

  it('refuses signs, fractions with two points, a missing or unknown unit, spaces, the empty string and too long a duration', () => {
    for (const bad of ['-1d', '+1d', '1.5.0d', '30', 'd', '', ' 1d', '1d ', '1 d', '1D', '1y', '1ms', '1h30m', '1e3s', '0x10s', '.5d', '5.d', '99999999999999999999w']) {
      assert.throws(() => parseDuration('--older-than', bad), (e: unknown) => e instanceof UsageError && /^--older-than: "/.test(e.message), bad);
    }
    assert.throws(() => parseDuration('--older-than', '12x'), /--older-than: "12x" is not a duration: a number and one unit of s, m, h, d or w/);
    assert.throws(() => parseDuration('--older-than', '99999999999999999999w'), /too long a duration/);
  });

  it('shows at most 80 characters of a wrong value, its control characters escaped', () => {
    const err = (() => { try { parseDuration('--older-than', `${'9'.repeat(500)}q`); } catch (e) { return e as Error; } return undefined; })();
    assert.ok(err);
    assert.ok(err.message.includes(`"${'9'.repeat(80)}…"`), err.message);
    assert.ok(!err.message.includes('9'.repeat(81)));
    assert.throws(() => parseDuration('--older-than', '1d\x1b[2J'), (e: unknown) => (e as Error).message.includes('1d\\x1b[2J'));
  });
});

describe('parseSize', () => {
  it('reads bytes, IEC units (powers of 1024) and SI units (powers of 1000)', () => {
    assert.equal(parseSize('--max-size', '1048576'), 1_048_576);
    assert.equal(parseSize('--max-size', '0'), 0);
    assert.equal(parseSize('--max-size', '17B'), 17);
    assert.equal(parseSize('--max-size', '2KiB'), 2048);
    assert.equal(parseSize('--max-size', '500MiB'), 500 * 2 ** 20);
    assert.equal(parseSize('--max-size', '2GiB'), 2 * 2 ** 30);
    assert.equal(parseSize('--max-size', '1TiB'), 2 ** 40);
    assert.equal(parseSize('--max-size', '1.5KiB'), 1536);
    assert.equal(parseSize('--max-size', '3KB'), 3000);
    assert.equal(parseSize('--max-size', '1.5MB'), 1_500_000);
    assert.equal(parseSize('--max-size', '2GB'), 2e9);
    // rounded down to a whole byte
    assert.equal(parseSize('--max-size', '1.0001KiB'), 1024);
  });

  it('refuses what is not exactly that', () => {
    for (const bad of ['1.5.0GiB', '-1GiB', '', 'GiB', '1.5', '1.5B', '2gib', '2G', '2M', '2k', '2 GiB', '2GiB ', '1TB', '1PiB', '1e9', '0x100', '1,000', '99999999999999999TiB']) {
      assert.throws(() => parseSize('--max-size', bad), (e: unknown) => e instanceof UsageError && /^--max-size: "/.test(e.message), bad);
    }
    assert.throws(() => parseSize('--max-size', '2G'), /--max-size: "2G" is not a size: a whole number of bytes, or a number and one unit of B, KiB, MiB, GiB, TiB, KB, MB or GB/);
    assert.throws(() => parseSize('--max-size', '99999999999999999TiB'), /too large a size/);
  });
});

describe('formatSize', () => {
  it('prints binary units, one decimal under 10', () => {
    assert.equal(formatSize(0), '0 B');
    assert.equal(formatSize(1023), '1023 B');
    assert.equal(formatSize(1536), '1.5 KiB');
    assert.equal(formatSize(340 * 1024), '340 KiB');
    assert.equal(formatSize(1.25 * 2 ** 30), '1.3 GiB');
    assert.equal(formatSize(3 * 2 ** 40), '3.0 TiB');
  });
});
