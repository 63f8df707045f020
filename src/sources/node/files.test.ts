import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { idTable } from './files.js';

describe('idTable: /etc/passwd and /etc/group as id → name', () => {
  it('reads name:x:id lines, first entry of an id wins, skips comments and broken lines', () => {
    const passwd = 'root:x:0:0:root:/root:/bin/bash\n# a comment\netcd:x:998:998::/var/lib/etcd:/sbin/nologin\ntoor:x:0:0::/root:/bin/sh\nbroken\nodd:x:abc:1::/:/bin/false\n';
    assert.deepEqual([...idTable(passwd)], [[0, 'root'], [998, 'etcd']]);
    assert.deepEqual([...idTable('root:x:0:\netcd:x:998:\n')], [[0, 'root'], [998, 'etcd']]);
  });
  it('is empty for a file that could not be read', () => {
    assert.equal(idTable(undefined).size, 0);
  });
});
