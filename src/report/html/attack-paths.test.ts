import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../engine/scan.js';
import { inputFromYaml, webImage } from '../../testing/image-fixtures.js';
import { FULL_PATH } from '../../testing/attack-path-fixtures.js';
import { attackPathsSection, MAX_DRAWN, pathSvg } from './attack-paths.js';
import type { ScanReport } from '../../model/types.js';

const report = scan({ ...inputFromYaml(FULL_PATH), images: [webImage()] }, { now: new Date('2026-06-01T12:00:00Z') });

describe('HTML attack paths', () => {
  it('draws the start and a node per step, an edge into each with the finding or vulnerability that backs it', () => {
    const p = report.attackPaths[0];
    const svg = pathSvg(p);
    assert.equal((svg.match(/<rect /g) ?? []).length, p.steps.length + 1);
    assert.equal((svg.match(/<g class="edge">/g) ?? []).length, p.steps.length);
    assert.match(svg, /critical: DSA-5510-1 \+2 more/);
    assert.match(svg, /reach other workloads → Deployment db/);
    assert.ok(!svg.includes('style='));
  });

  it('escapes names from the input', () => {
    const tricky: ScanReport = structuredClone(report);
    tricky.attackPaths[0].workload.name = '<img src=x onerror=alert(1)>';
    tricky.attackPaths[0].steps[0].via[0].controlId = '<b>x</b>';
    const html = attackPathsSection(tricky, '/');
    assert.ok(!html.includes('<img src=x') && !html.includes('<b>x</b>'));
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it(`draws at most ${MAX_DRAWN} paths and counts the rest`, () => {
    const many: ScanReport = { ...report, attackPaths: Array.from({ length: MAX_DRAWN + 3 }, (_, i) => ({ ...report.attackPaths[0], id: `p${i}` })) };
    const html = attackPathsSection(many, '/');
    assert.equal((html.match(/<svg /g) ?? []).length, MAX_DRAWN);
    assert.match(html, /… and 3 more path\(s\)/);
  });

  it('nothing without paths', () => {
    assert.equal(attackPathsSection({ ...report, attackPaths: [] }, '/'), '');
  });
});
