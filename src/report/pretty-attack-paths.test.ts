import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../engine/scan.js';
import { inputFromYaml } from '../testing/image-fixtures.js';
import { FULL_PATH } from '../testing/attack-path-fixtures.js';
import { formatPretty } from './pretty.js';
import { MAX_LINKS, MAX_PATHS } from './pretty-attack-paths.js';
import type { ScanReport } from '../model/types.js';

const report = scan(inputFromYaml(FULL_PATH), { now: new Date('2026-06-01T12:00:00Z') });
const section = (r: ScanReport, verbose = false): string[] => {
  const lines = formatPretty(r, { color: false, verbose }).split('\n');
  const start = lines.findIndex((l) => l.startsWith('Fix these first'));
  return start < 0 ? [] : lines.slice(start, lines.indexOf('', start));
};

describe('pretty: Fix these first', () => {
  it('is the first section after the header: the path, then one line per link, capped without --verbose', () => {
    const text = formatPretty(report, { color: false, verbose: false });
    assert.ok(text.indexOf('Fix these first') < text.indexOf('HIGH '));
    const lines = section(report);
    const links = report.attackPaths[0].links;
    assert.ok(links.length > MAX_LINKS - 2);
    const shown = lines.filter((l) => /^ {4}(removes|shortens|weakens) /.test(l));
    assert.equal(shown.length, Math.min(MAX_LINKS, links.length));
    if (links.length > MAX_LINKS) assert.ok(lines.includes(`    … and ${links.length - MAX_LINKS} more link(s) (--verbose lists them)`));
    assert.equal(section(report, true).filter((l) => /^ {4}(removes|shortens|weakens) /.test(l)).length, links.length);
  });

  it(`shows ${MAX_PATHS} paths and counts the rest`, () => {
    const many: ScanReport = { ...report, attackPaths: Array.from({ length: MAX_PATHS + 2 }, () => report.attackPaths[0]) };
    const lines = section(many);
    assert.equal(lines.filter((l) => l.startsWith('  CRITICAL ')).length, MAX_PATHS);
    assert.ok(lines.includes('  … and 2 more path(s) (--verbose lists them, or see --format json)'));
  });

  it('lists paths broken by exceptions after the open ones, capped the same way', () => {
    const broken = { ...report.attackPaths[0], status: 'excepted' as const, links: [],
      brokenBy: [{ ...report.attackPaths[0].steps[0].via[0], status: 'excepted' as const, exception: { source: 'x', reason: 'public front' } }] };
    const lines = section({ ...report, attackPaths: [report.attackPaths[0], ...Array.from({ length: MAX_PATHS + 1 }, () => broken)] });
    assert.equal(lines[0], `Fix these first: 1 attack path(s), ${MAX_PATHS + 1} broken by exceptions`);
    assert.equal(lines.filter((l) => l === '  EXCEPTED Deployment shop/web: broken by exception: externally-exposed (public front)').length, MAX_PATHS);
    assert.ok(lines.includes('  … and 1 more path(s) broken by exceptions (--verbose lists them)'));
  });

  it('escapes terminal control characters from the input', () => {
    const tricky: ScanReport = structuredClone(report);
    tricky.attackPaths[0].workload.name = 'web\u001b[2J';
    tricky.attackPaths[0].links[0].change = 'do\u001b]0;owned\u0007 this';
    const text = section(tricky).join('\n');
    assert.ok(!text.includes('\u001b'), JSON.stringify(text));
  });

  it('no section without paths', () => {
    assert.deepEqual(section({ ...report, attackPaths: [] }), []);
  });
});
