import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatHtml } from './html.js';
import { scan } from '../engine/scan.js';
import { inputFromYaml, scanWeb, WEB_MANIFESTS } from '../testing/image-fixtures.js';

describe('html: vulnerabilities', () => {
  it('a section per scan with images: counts, a table per image, rows carrying their severity', () => {
    const html = formatHtml(scanWeb(), { root: '.' });
    assert.match(html, /<section id="vulnerabilities">/);
    assert.match(html, /2 image\(s\): 1 critical · 2 high · 1 medium · 0 low · 1 unknown \(4 fixable, 0 excepted\)/);
    assert.equal(html.match(/<tr class="vuln" data-severity="/g)?.length, 5);
    assert.match(html, /<code class="loc">deploy\/web\.yaml:12:9<\/code>/);
    assert.match(html, /<td><code>7\.88\.1-10\+deb12u3<\/code><\/td>/);
    assert.match(html, /No known vulnerabilities\./);
  });

  it('no section without images', () => {
    const html = formatHtml(scan(inputFromYaml(WEB_MANIFESTS), { controls: ['privileged-container'] }), { root: '.' });
    assert.ok(!html.includes('id="vulnerabilities"'));
  });

  it('an unmatched vulnerability exception is noted with what it names, not as "all controls"', () => {
    const exceptions = [{ source: 'x.yaml:4', controls: [], resources: [], reason: 'old', vulnerabilities: ['CVE-1999-0001'] }];
    const html = formatHtml(scanWeb({ exceptions }), { root: '.' });
    assert.match(html, /<li>Exception matched nothing: x\.yaml:4 \(CVE-1999-0001\): old<\/li>/);
  });

  it('says when the images were not judged', () => {
    const html = formatHtml(scanWeb({}, undefined, { imagesNotJudged: 'no vulnerability database: run `palisade db update`' }), { root: '.' });
    assert.match(html, /<p class="errors">Images were not judged: no vulnerability database: run `palisade db update`<\/p>/);
    assert.match(html, /<strong>Not judged:<\/strong>/);
  });
});
