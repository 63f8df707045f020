// The command line systemd would start a unit with, composed from the unit's files on a node's tree.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Host } from './host.js';
import { environmentFile, splitWords, unitCommand, type UnitCommand } from './systemd.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-systemd-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;

function tree(files: Record<string, string>, links: Record<string, string> = {}): Host {
  const dir = path.join(tmp, String(n++));
  for (const [p, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), content);
  }
  for (const [p, target] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.symlinkSync(target, path.join(dir, p));
  }
  return new Host(dir);
}

function command(host: Host, unit = 'kubelet.service'): UnitCommand {
  const got = unitCommand(host, unit);
  assert.ok(got && !('masked' in got), `no command for ${unit}`);
  return got;
}

const texts = (c: UnitCommand) => c.args.map((a) => a.text);

describe('systemd: words and environment files', () => {
  it('splits words as systemd does: quotes removed, quoted whitespace kept, backslash escapes', () => {
    assert.deepEqual(splitWords(`"A=b c" D=e 'F=g  h' I=j\\ k  L="m"n`), ['A=b c', 'D=e', 'F=g  h', 'I=j k', 'L=mn']);
    assert.deepEqual(splitWords('   '), []);
  });

  it('reads an environment file: comments, quotes, continuation lines, the line of each assignment', () => {
    const text = '# comment\n; another\nA=plain value  \nB="double \\"quoted\\" \\\n  continued"\n\nC=\'single $X\'\nnot an assignment\nD=x\\\ny\n';
    const got = environmentFile(text, '/f');
    assert.deepEqual(got.map((v) => [v.name, v.value, v.at.line]), [
      ['A', 'plain value', 3], ['B', 'double "quoted"   continued', 4], ['C', 'single $X', 7], ['D', 'xy', 9],
    ]);
  });
});

describe('systemd: a unit\'s command line', () => {
  const unit = '[Unit]\nDescription=kubelet\n[Service]\nExecStart=/usr/bin/kubelet\nRestart=always\n';

  it('has no command for a unit the tree does not have', () => {
    assert.equal(unitCommand(tree({}), 'kubelet.service'), undefined);
  });

  it('applies drop-ins in name order: ExecStart= resets, $VAR splits into words, ${VAR} stays one word, unset is empty', () => {
    const host = tree({
      '/usr/lib/systemd/system/kubelet.service': unit,
      '/usr/lib/systemd/system/kubelet.service.d/10-a.conf': '[Service]\nEnvironment="ARGS=--a=1 --b=2" ONE=x\nExecStart=\nExecStart=/usr/bin/kubelet $ARGS --c=${ONE}y $UNSET ${UNSET} $$HOME\n',
      '/usr/lib/systemd/system/kubelet.service.d/20-b.conf': '[Service]\nEnvironment=ARGS=--z\n',
    });
    const c = command(host);
    assert.deepEqual(texts(c), ['/usr/bin/kubelet', '--z', '--c=xy', '', '$HOME']);
    // each argument points at the line it came from
    assert.equal(c.args[0].at.file, host.real('/usr/lib/systemd/system/kubelet.service.d/10-a.conf'));
    assert.equal(c.args[0].at.line, 4);
    assert.equal(c.args[1].at.file, host.real('/usr/lib/systemd/system/kubelet.service.d/20-b.conf'));
    assert.equal(c.args[2].at.line, 2); // ${ONE} set on line 2 of 10-a.conf
  });

  it('takes a unit file and a drop-in of the same name from the most important directory', () => {
    const host = tree({
      '/lib/systemd/system/kubelet.service': unit.replace('/usr/bin/kubelet', '/lib/kubelet'),
      '/etc/systemd/system/kubelet.service': unit.replace('/usr/bin/kubelet', '/etc/kubelet'),
      '/usr/lib/systemd/system/kubelet.service.d/10-x.conf': '[Service]\nEnvironment=X=--from-usr-lib\nExecStart=\nExecStart=/usr/bin/kubelet $X\n',
      '/etc/systemd/system/kubelet.service.d/10-x.conf': '[Service]\nEnvironment=X=--from-etc\nExecStart=\nExecStart=/usr/bin/kubelet $X\n',
    });
    const c = command(host);
    assert.deepEqual(texts(c), ['/usr/bin/kubelet', '--from-etc']);
    assert.deepEqual(c.files, ['/etc/systemd/system/kubelet.service', '/etc/systemd/system/kubelet.service.d/10-x.conf']);
    assert.deepEqual(texts(command(tree({ '/lib/systemd/system/kubelet.service': unit }))), ['/usr/bin/kubelet']);
  });

  it('EnvironmentFile= overrides Environment=, a missing optional file is passed over, %N is the unit\'s name; the values are not kept with the names', () => {
    const host = tree({
      '/etc/systemd/system/kubelet.service': '[Service]\nEnvironment=A=--from-environment B=--b\nEnvironmentFile=-/etc/default/%N\n'
        + 'EnvironmentFile=-/etc/sysconfig/%N\nExecStart=/usr/bin/kubelet \\\n  $A \\\n# a comment inside\n  $B\n',
      '/etc/default/kubelet': 'A="--from-file --x=1"\nMY_TOKEN=abc\n',
    });
    const c = command(host);
    assert.deepEqual(texts(c), ['/usr/bin/kubelet', '--from-file', '--x=1', '--b']);
    assert.deepEqual(c.environmentFiles, [{ path: '/etc/default/kubelet', names: ['A', 'MY_TOKEN'] }]);
    assert.deepEqual(c.gaps, []);
    assert.equal(c.args[1].at.file, host.real('/etc/default/kubelet'));
  });

  it('says what it cannot derive: a required environment file that is missing, one under /run', () => {
    const host = tree({
      '/etc/systemd/system/kubelet.service': '[Service]\nEnvironmentFile=/etc/kubelet.env\nEnvironmentFile=-/run/kubelet/extra.env\nExecStart=/usr/bin/kubelet $X\n',
    });
    const c = command(host);
    assert.equal(c.gaps.length, 2);
    assert.match(c.gaps[0], /\/etc\/kubelet\.env .* is missing: systemd would not start kubelet\.service/);
    assert.match(c.gaps[1], /\/run\/kubelet\/extra\.env .* under \/run, which a disk does not hold/);
  });

  it('a unit linked to /dev/null is masked; an absolute link is followed inside the tree, not on this machine', () => {
    const masked = tree({ '/lib/systemd/system/kubelet.service': unit }, { '/etc/systemd/system/kubelet.service': '/dev/null' });
    assert.deepEqual(unitCommand(masked, 'kubelet.service'), { masked: '/etc/systemd/system/kubelet.service' });
    const linked = tree({ '/opt/units/kubelet.service': unit.replace('/usr/bin/kubelet', '/opt/bin/kubelet') },
      { '/etc/systemd/system/kubelet.service': '/opt/units/kubelet.service' });
    assert.deepEqual(texts(command(linked)), ['/opt/bin/kubelet']);
  });

  it('drops ExecStart\'s prefixes; only [Service] counts', () => {
    const host = tree({ '/etc/systemd/system/k3s.service': '[Unit]\nExecStart=/bin/false\n[Service]\nExecStart=-/usr/local/bin/k3s \\\n    server \\\n\n' });
    assert.deepEqual(texts(command(host, 'k3s.service')), ['/usr/local/bin/k3s', 'server']);
  });
});
