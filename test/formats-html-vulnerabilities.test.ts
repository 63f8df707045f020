// The HTML report's vulnerabilities in headless Chromium (test/support/browser.ts): a table per
// image, the severity boxes hide and show rows, the page loads nothing and runs no injected markup.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { formatHtml, scanPaths } from '../src/index.js';
import { cleanImage, webImage, WEB_MANIFESTS } from '../src/testing/image-fixtures.js';
import { launchBrowser } from './support/browser.js';
import { tempDir, writeTree } from './support/cli.js';

const EVIL = '<img src=x onerror="window.__pwned=1">';

describe('html report: vulnerabilities in headless Chromium', () => {
  let browser: Browser;
  let server: http.Server;
  let url: string;

  before(async () => {
    const dir = writeTree(tempDir(), { 'web.yaml': WEB_MANIFESTS });
    const web = webImage();
    web.vulnerabilities[0] = { ...web.vulnerabilities[0], summary: `openssl ${EVIL}` };
    const report = scanPaths([dir], {
      controls: ['privileged-container'], images: [web, cleanImage()],
      exceptions: [{ source: 'x.yaml:2', controls: [], resources: [], reason: 'no SOCKS proxy', vulnerabilities: ['CVE-2023-38545'] }],
    });
    const html = formatHtml(report, { root: dir });
    server = http.createServer((req, res) => {
      if (req.url === '/r.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/r.html`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
  });

  async function open(javaScriptEnabled = true) {
    const context = await browser.newContext({ javaScriptEnabled });
    const blocked: string[] = [];
    const errors: string[] = [];
    await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : (blocked.push(route.request().url()), route.abort())));
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
    return { page, blocked, errors, close: () => context.close() };
  }

  it('shows a table per image, fixable first, and the severity boxes filter the rows', async () => {
    const { page, blocked, errors, close } = await open();
    assert.deepEqual(errors, []);
    assert.deepEqual(blocked, []);
    assert.deepEqual(await page.$$eval('#vulnerabilities h3', (hs) => hs.map((h) => h.textContent)), ['registry.example.com/shop/web:1.4', 'alpine:3.20']);
    const visible = () => page.$$eval('tr.vuln:not([hidden])', (rs) => rs.map((r) => r.querySelector('td code a')?.textContent));
    assert.deepEqual(await visible(), ['DSA-5510-1', 'DSA-5532-1', 'GHSA-p6mc-m468-83gw', 'GHSA-c2qf-rxjj-qqgw', 'DEBIAN-CVE-2010-4756']);
    assert.equal(await page.textContent('#vshown'), '5 of 5 vulnerabilities shown');
    await page.uncheck('.vfilters input[value=high]');
    await page.uncheck('.vfilters input[value=unknown]');
    assert.deepEqual(await visible(), ['DSA-5510-1', 'GHSA-c2qf-rxjj-qqgw']);
    assert.equal(await page.textContent('#vshown'), '2 of 5 vulnerabilities shown');
    // the controls' filters are their own: unchecking a vulnerability severity hides no control
    assert.equal(await page.locator('tbody.control:not([hidden])').count(), 1);
    assert.match(await page.textContent('#vulnerabilities') ?? '', /no SOCKS proxy/);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.ok((await page.textContent('#vulnerabilities'))?.includes(EVIL), 'the markup is shown as text');
    await close();
  });

  it('without script every row is shown', async () => {
    const { page, close } = await open(false);
    assert.equal(await page.locator('tr.vuln:visible').count(), 5);
    await close();
  });
});

