// Serves a fixture as a cluster: the fake API server over TLS (CA and certificates made once per
// test file) and a kubeconfig that points at it, with the fixture's token.
import path from 'node:path';
import { configz, TOKEN } from './cluster-fixture.js';
import { ClusterStore } from './cluster-store.js';
import { makeTls, writeKubeconfig, type Tls } from './cluster-tls.js';
import { startFakeApiserver, type FakeApiserver, type FakeOptions } from './fake-apiserver.js';

let tls: Tls | undefined;

export interface Started {
  fake: FakeApiserver;
  kubeconfig: string;
}

/** Serves `yaml` as a cluster (TLS made once per test file) and writes a kubeconfig for it. */
export async function serve(yaml: string, options: Omit<Partial<FakeOptions>, 'token'> & { gatewayApi?: boolean; networkPolicyCrds?: boolean; clientToken?: string } = {}): Promise<Started> {
  tls ??= makeTls();
  const { gatewayApi, networkPolicyCrds, clientToken, ...faults } = options;
  const store = ClusterStore.fromYaml(yaml, { gatewayApi, networkPolicyCrds });
  const fake = await startFakeApiserver(tls, store, { token: TOKEN, configz, ...faults });
  const file = path.join(tls.dir, `kubeconfig-${fake.url.split(':').pop()}`);
  return { fake, kubeconfig: writeKubeconfig(file, [{ name: 'fake', server: fake.url, caPem: tls.caPem, token: clientToken ?? TOKEN }]) };
}

export function testTls(): Tls {
  return (tls ??= makeTls());
}
