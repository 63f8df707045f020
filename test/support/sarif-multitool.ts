// The SARIF Multitool (Microsoft's validator, from npm) run offline, for tests that validate SARIF.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const MULTITOOL: string = createRequire(import.meta.url)('@microsoft/sarif-multitool-linux');

export interface Issue { ruleId: string; level: string; where: string }

/**
 * SARIF2006 (URIs should be reachable) resolves every URI in the log — helpUri, informationUri,
 * $schema — over the network. The tests stay offline: that rule is disabled, every other one runs.
 */
const OFFLINE_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
`;

/** Runs `sarif-multitool validate` with the SARIF and GitHub rule sets; returns what it reported. */
export function multitool(file: string): Issue[] {
  const out = `${file}.validation.sarif`;
  const config = `${file}.offline.xml`;
  fs.rmSync(out, { force: true });
  fs.writeFileSync(config, OFFLINE_CONFIG);
  const run = spawnSync(MULTITOOL, ['validate', '-c', config, '--rule-kind', 'Sarif;Gh', '--max-file-size-in-kb', '500000', '-o', out, file], { encoding: 'utf8' });
  assert.ok(fs.existsSync(out), `the multitool wrote no result: ${run.stdout}${run.stderr}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8'));
  const notifications = (log.runs[0].invocations ?? []).flatMap((i: any) => i.toolExecutionNotifications ?? []);
  assert.deepEqual(notifications.filter((n: any) => n.level === 'error'), [], 'the multitool could not analyse the file');
  return log.runs[0].results.map((r: any) => ({ ruleId: r.ruleId, level: r.level ?? 'warning', where: r.properties?.jsonPath ?? '' }));
}

export function assertClean(file: string, allowed: string[] = []): any {
  const issues = multitool(file);
  assert.deepEqual(issues.filter((i) => i.level === 'error'), [], `${file}: errors`);
  assert.deepEqual(issues.filter((i) => !allowed.includes(i.ruleId)), [], `${file}: warnings`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
