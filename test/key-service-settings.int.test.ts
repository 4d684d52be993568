// The key service entered in Settings by a security officer: checked (a client key that does not
// belong to the certificate is refused), stored with the private key wrapped (never in clear in
// the database, never in the view), used at once (the connection test reaches a real PyKMIP
// server over mutual TLS) and again after a restart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KeyServiceSettingsView } from '../shared/sync';
import { startPyKmipServer, type PyKmipServer } from './support/pykmip-server';
import { setUpStation, signIn, STATION_PASSPHRASE } from './support/station-setup';
import { makeTempDir, startTempStation, type TempStation } from './support/temp-station';
import { openBridge } from './support/ws-client';

let kmip: PyKmipServer;
const stations: TempStation[] = [];

beforeAll(async () => {
  kmip = await startPyKmipServer();
}, 120_000);

afterAll(async () => {
  for (const s of stations) await s.close();
  await kmip.dispose();
});

it('configures, checks, wraps and uses the key service', async () => {
  const dataDir = makeTempDir();
  const first = await startTempStation({ dataDir });
  stations.push(first);
  const officer = await openBridge(first.host);
  await setUpStation(officer);
  const { pki } = kmip;
  const input = {
    host: kmip.host,
    port: kmip.port,
    caPem: pki.ca,
    certPem: pki.client.cert,
    keyPem: pki.client.key,
  };
  const mismatched = await officer.call('sync.configure', { ...input, keyPem: pki.expiredClient.key });
  expect(mismatched).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });

  const configured = await officer.call('sync.configure', input);
  expect(configured).toMatchObject({
    ok: true,
    value: { source: 'settings', host: kmip.host, port: kmip.port },
  });
  const view = (configured as { value: KeyServiceSettingsView }).value;
  expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');
  expect(await officer.call('sync.testConnection', {})).toMatchObject({ ok: true, value: { ok: true } });
  officer.close();

  const keyBody = pki.client.key
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .join('');
  for (const name of ['station.db', 'station.db-wal']) {
    let bytes = '';
    try {
      bytes = readFileSync(join(dataDir, name)).toString('latin1');
    } catch {
      continue;
    }
    expect(bytes.includes(keyBody.slice(0, 40))).toBe(false);
  }
  await first.close();
  stations.pop();

  const second = await startTempStation({ dataDir });
  stations.push(second);
  expect(await second.station.unlockWithPassphrase(STATION_PASSPHRASE)).toBe(true);
  const again = await openBridge(second.host);
  await signIn(again, 'officer', 'officer-password-1');
  await expect
    .poll(
      async () => (await again.call('sync.testConnection', {})).ok && (await again.call('sync.status', {})),
    )
    .toMatchObject({
      ok: true,
      value: { service: `kmip ${kmip.host}:${kmip.port}` },
    });
  again.close();
});
