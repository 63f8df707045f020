// `--format html` in a real browser: headless Chromium from npm (test/support/browser.ts). The page
// is served from a loopback server that counts what it is asked for, and every other request is
// recorded and aborted, so "no network" is measured, not assumed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { ROOT, runCli, tempDir, writeTree } from './support/cli.js';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');

const EVIL_NAME = 'evil<script>window.__pwned=1</script>';
const EVIL_CONTAINER = 'c<img src=x onerror="window.__pwned=2">';
const EXCEPTION_REASON = 'break-glass debugging pod, approved in SEC-42';
const INJECTED = {
  'evil.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${EVIL_NAME}
  namespace: shop
spec:
  selector:
    matchLabels: {app: evil}
  template:
    metadata:
      labels: {app: evil}
    spec:
      containers:
      - name: '${EVIL_CONTAINER}'
        image: nginx:1.27
        securityContext:
          privileged: true
`,
  'excepted.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: shop
  annotations:
    palisade.dev/ignore: privileged-container
    palisade.dev/ignore-reason: "${EXCEPTION_REASON}"
spec:
  containers:
  - name: debug
    image: busybox:1.36
    securityContext:
      privileged: true
`,
};

interface Report {
  controls: Array<{ id: string; severity: string; status: string; reason?: string }>;
  findings: Array<{ controlId: string; resourceId: string; status: string }>;
}

describe('html report in headless Chromium', () => {
  let browser: Browser;
  let server: http.Server;
  let pageUrl: string;
  let report: Report;
  let html: Buffer;
  const hits: string[] = [];

  before(async () => {
    // The insecure example shop, plus a resource whose names carry markup and an excepted finding.
    const files: Record<string, string> = { ...INJECTED };
    const example = path.join(ROOT, 'examples/insecure');
    for (const name of fs.readdirSync(example)) files[name] = fs.readFileSync(path.join(example, name), 'utf8');
    const dir = writeTree(tempDir(), files);
    const out = path.join(tempDir('palisade-html-'), 'report.html');
    const run = runCli(['scan', dir, '--format', 'html', '--output', out]);
    assert.equal(run.code, 0, run.stderr);
    const json = runCli(['scan', dir, '--format', 'json']);
    report = JSON.parse(json.stdout) as Report;
    html = fs.readFileSync(out);

    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/report.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/report.html`;
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
  });

  /** A fresh page on the report, with every console error, page error and request recorded. */
  async function open(options: { javaScriptEnabled?: boolean } = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const requests: string[] = [];
    const blocked: string[] = [];
    const errors: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pageUrl) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(pageUrl, { waitUntil: 'load' });
    return { page, requests, blocked, errors, close: () => context.close() };
  }

  const visibleIds = (page: Page) => page.$$eval('tbody.control:not([hidden])', (bs) => bs.map((b) => b.getAttribute('data-id') ?? ''));

  it('loads with no console errors and requests nothing but itself', async () => {
    hits.length = 0;
    const { page, requests, blocked, errors, close } = await open();
    await page.waitForTimeout(300);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [pageUrl]);
    assert.deepEqual(blocked, []);
    assert.deepEqual(hits, ['/report.html'], 'the server was asked for the page only (no favicon, nothing else)');
    assert.match(await page.title(), /^Palisade report/);
    assert.equal(await page.locator('tbody.control').count(), report.controls.length);
    assert.equal(await page.textContent('#shown'), `${report.controls.length} of ${report.controls.length} controls shown`);
    assert.ok(await page.locator('svg.chart rect[class^="sev-"]').count() > 4, 'the chart has bars besides its legend');
    await page.screenshot({ path: path.join(ARTIFACTS, 'html-report.png'), fullPage: true });
    await close();
  });

  it('the text filter changes the rows shown', async () => {
    const { page, errors, close } = await open();
    await page.fill('#filter-text', 'privileged-container');
    assert.ok((await visibleIds(page)).includes('privileged-container'));
    assert.ok((await visibleIds(page)).length < report.controls.length);

    // A resource name finds the controls that have findings on that resource.
    await page.fill('#filter-text', 'evil');
    const onEvil = new Set(report.findings.filter((f) => f.resourceId.includes('evil')).map((f) => f.controlId));
    assert.ok(onEvil.size > 0);
    assert.deepEqual(new Set(await visibleIds(page)), onEvil);

    await page.fill('#filter-text', 'no-such-thing-anywhere');
    assert.deepEqual(await visibleIds(page), []);
    assert.ok(await page.isVisible('#empty'));
    await page.fill('#filter-text', '');
    assert.equal((await visibleIds(page)).length, report.controls.length);
    assert.deepEqual(errors, []);
    await close();
  });

  it('the severity and status filters work', async () => {
    const { page, close } = await open();
    for (const sev of ['critical', 'medium', 'low']) await page.uncheck(`input[name=severity][value=${sev}]`);
    const high = report.controls.filter((c) => c.severity === 'high').map((c) => c.id);
    assert.ok(high.length > 0);
    assert.deepEqual(new Set(await visibleIds(page)), new Set(high));

    for (const sev of ['critical', 'medium', 'low']) await page.check(`input[name=severity][value=${sev}]`);
    await page.uncheck('input[name=status][value=failed]');
    const notFailed = report.controls.filter((c) => c.status !== 'failed').map((c) => c.id);
    assert.ok(notFailed.length > 0 && notFailed.length < report.controls.length);
    assert.deepEqual(new Set(await visibleIds(page)), new Set(notFailed));

    await page.uncheck('input[name=status][value=passed]');
    const skipped = report.controls.filter((c) => c.status === 'skipped').map((c) => c.id);
    assert.ok(skipped.length > 0);
    assert.deepEqual(new Set(await visibleIds(page)), new Set(skipped));
    await close();
  });

  it('expanding a control shows its resources with file:line, the fix and the exception reason', async () => {
    const { page, close } = await open();
    const control = page.locator('tbody.control[data-id="privileged-container"]');
    const detail = control.locator('tr.detail');
    assert.equal(await detail.isVisible(), false, 'collapsed at first');
    await control.locator('button.toggle').click();
    assert.equal(await detail.isVisible(), true);
    const text = (await detail.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Deployment shop\/web web\.yaml:1\b/);
    assert.match(text, /web\.yaml:\d+:\d+ spec\.template\.spec\.containers\[0\]\.securityContext\.privileged/);
    assert.match(text, /Fix: set privileged: false/);
    assert.ok(text.includes(`Excepted: ${EXCEPTION_REASON}`), text);
    assert.match(text, /Remediation/);
    await control.locator('button.toggle').click();
    assert.equal(await detail.isVisible(), false, 'collapses again');
    await close();
  });

  it('skipped controls show their reason without expanding', async () => {
    const { page, close } = await open();
    const skipped = report.controls.find((c) => c.status === 'skipped');
    assert.ok(skipped?.reason);
    const row = page.locator(`tbody.control[data-id="${skipped.id}"] tr.summary`);
    assert.ok((await row.innerText()).includes(skipped.reason));
    await close();
  });

  it('markup in resource names is shown as text and never runs', async () => {
    const { page, errors, close } = await open();
    await page.click('#expand-all');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('script').count(), 2, 'only the data block and the page script');
    assert.equal(await page.locator('img').count(), 0);
    const body = await page.textContent('body');
    assert.ok(body?.includes(`Deployment shop/${EVIL_NAME}`), 'the name is rendered literally');
    assert.ok(body?.includes(`container "${EVIL_CONTAINER}" is privileged`), 'the message is rendered literally');
    assert.deepEqual(errors, []);
    await close();
  });

  it('carries no secret value (the example sets DB_PASSWORD in plain text)', () => {
    const secret = fs.readFileSync(path.join(ROOT, 'examples/insecure/web.yaml'), 'utf8').match(/value: "(hunter2[^"]*)"/)?.[1];
    assert.ok(secret, 'the example still plants its password');
    assert.ok(html.includes('DB_PASSWORD'), 'the credential is reported by name');
    assert.ok(!html.includes(secret), 'its value is not in the page');
  });

  it('prints everything expanded, without the filters', async () => {
    const { page, close } = await open();
    await page.fill('#filter-text', 'no-such-thing-anywhere');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('.filters'), false);
    assert.equal(await page.locator('tr.detail:visible').count(), report.controls.length);
    await page.screenshot({ path: path.join(ARTIFACTS, 'html-report-print.png'), fullPage: true });
    await close();
  });

  it('is complete without script: every control expanded, no filters', async () => {
    const { page, requests, close } = await open({ javaScriptEnabled: false });
    assert.deepEqual(requests, [pageUrl]);
    assert.equal(await page.isVisible('.filters'), false);
    assert.equal(await page.locator('tr.detail:visible').count(), report.controls.length);
    await close();
  });
});
