// KmipConnector against a real PyKMIP server (one per file: it is slow to start): bindings of 16
// and 1024 keys registered and read back, key by key, with PyKMIP's own python client; a retried
// or half-done push completes without duplicates; a different binding for the same chip is a
// SyncConflictError that leaves the server as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '../../crypto/bytes';
import { selectProvider } from '../../crypto/select-provider';
import { boundKey, makeBinding } from '../../../test/support/chip-binding';
import { readWithPyKmip, startPyKmipServer, type PyKmipServer } from '../../../test/support/pykmip-server';
import type { ChipKeyBinding } from '../key-service-connector';
import { InvalidBindingError, SyncConflictError } from '../key-service-errors';
import { chipKeyName, chipObjectGroup } from './chip-key-naming';
import { KmipClient } from './kmip-client';
import { KmipConnector } from './kmip-connector';

const provider = selectProvider();
let server: PyKmipServer;
let connector: KmipConnector;

beforeAll(async () => {
  server = await startPyKmipServer();
  connector = new KmipConnector({ client: new KmipClient(server.clientOptions()), provider });
});

afterAll(async () => {
  await connector.close();
  await server.dispose();
});

/** Every object of the chip, read by PyKMIP's python client: Locate by Object Group, then Get each. */
async function readBackWithPython(chipSerial: string, attributes = true) {
  const group = chipObjectGroup(chipSerial);
  const located = (await readWithPyKmip(server, { groups: [group] })).byGroup[group] ?? [];
  const { objects } = await readWithPyKmip(server, { get: located, attributes });
  return { located, objects: Object.values(objects) };
}

/** PyKMIP finds exactly the binding's keys for the chip, each equal, SM4/128 Raw, named as it should be. */
async function expectServerHolds(binding: ChipKeyBinding): Promise<void> {
  const { located, objects } = await readBackWithPython(binding.chipSerial);
  expect(located).toHaveLength(binding.keys.length);
  const byName = new Map(objects.map((o) => [o.names[0], o]));
  for (const { index, key } of binding.keys) {
    const held = byName.get(chipKeyName(binding.chipSerial, index));
    expect(held, `key ${index}`).toMatchObject({
      key: bytesToHex(key),
      algorithm: 'SM4',
      length: 128,
      format: 'RAW',
      groups: [chipObjectGroup(binding.chipSerial)],
      asi: [
        ['key-filling-station', `${binding.chipSerial}/${index}`],
        ['key-filling-station.origin', `${binding.poolDigest}/${binding.batchId}`],
      ],
    });
  }
}

describe('KmipConnector with PyKMIP', () => {
  it('reports the server healthy, speaking KMIP 1.2', async () => {
    const health = await connector.health();
    expect(health).toMatchObject({ ok: true, detail: `KMIP 1.2 at ${server.host}:${server.port}` });
  });

  it('registers a 16-key binding that PyKMIP reads back equal, as SM4/128 Raw with the chip identity', async () => {
    const binding = makeBinding(provider, 'CHIP0016', 16);
    expect(await connector.pushBinding(binding)).toEqual({
      chipSerial: 'CHIP0016',
      registered: 16,
      alreadyPresent: 0,
    });
    await expectServerHolds(binding);
    const name = chipKeyName('CHIP0016', 7);
    expect((await readWithPyKmip(server, { names: [name] })).byName[name]).toHaveLength(1);
  });

  it('looks a chip up by KCV, or with its keys, and finds nothing for an unknown chip', async () => {
    const binding = makeBinding(provider, 'CHIP-LOOKUP', 4);
    await connector.pushBinding(binding);
    const found = await connector.lookupBinding('CHIP-LOOKUP');
    expect(found).toMatchObject({
      chipSerial: 'CHIP-LOOKUP',
      batchId: binding.batchId,
      poolDigest: binding.poolDigest,
    });
    expect(found?.keys.map((k) => [k.index, k.kcv, k.key])).toEqual(
      binding.keys.map((k) => [k.index, k.kcv, undefined]),
    );
    const withKeys = await connector.lookupBinding('CHIP-LOOKUP', { withKeys: true });
    expect(withKeys?.keys.map((k) => k.key)).toEqual(binding.keys.map((k) => k.key));
    expect(await connector.lookupBinding('CHIP-NEVER-SEEN')).toBeNull();
  });

  it('does not register twice: a retried push finds every key present', async () => {
    const binding = makeBinding(provider, 'CHIP-RETRY', 16);
    await connector.pushBinding(binding);
    expect(await connector.pushBinding(binding)).toEqual({
      chipSerial: 'CHIP-RETRY',
      registered: 0,
      alreadyPresent: 16,
    });
    const { located } = await readBackWithPython('CHIP-RETRY');
    expect(located).toHaveLength(16);
  });

  it('completes a half-done push with only the missing keys', async () => {
    const binding = makeBinding(provider, 'CHIP-HALF', 16);
    await connector.pushBinding({ ...binding, keys: binding.keys.slice(0, 6) });
    expect(await connector.pushBinding(binding)).toEqual({
      chipSerial: 'CHIP-HALF',
      registered: 10,
      alreadyPresent: 6,
    });
    await expectServerHolds(binding);
  });

  it('refuses a different binding for a chip it holds, changing nothing, and names no key bytes', async () => {
    const binding = makeBinding(provider, 'CHIP-CONFLICT', 8);
    await connector.pushBinding(binding);
    const changed = {
      ...binding,
      keys: binding.keys.map((k) => (k.index === 5 ? boundKey(provider, 5) : k)),
    };
    const error = await connector.pushBinding(changed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncConflictError);
    const conflict = error as SyncConflictError;
    expect(conflict).toMatchObject({ code: 'conflict', retryable: false, chipSerial: 'CHIP-CONFLICT' });
    expect(conflict.differences.map((d) => [d.index, d.problem, typeof d.objectId])).toEqual([
      [5, 'different-key', 'string'],
    ]);
    for (const key of [...binding.keys, ...changed.keys]) {
      expect(conflict.message.toLowerCase()).not.toContain(bytesToHex(key.key));
      expect(conflict.message.toLowerCase()).not.toContain(key.kcv);
    }
    const fewer = await connector
      .pushBinding({ ...binding, keys: binding.keys.slice(0, 6) })
      .catch((e: unknown) => e);
    expect((fewer as SyncConflictError).differences.map((d) => [d.index, d.problem])).toEqual([
      [6, 'not-in-binding'],
      [7, 'not-in-binding'],
    ]);
    const otherBatch = await connector
      .pushBinding({ ...binding, batchId: 'another-batch' })
      .catch((e: unknown) => e);
    expect((otherBatch as SyncConflictError).differences).toHaveLength(8);
    expect((otherBatch as SyncConflictError).differences[0]?.problem).toBe('different-batch');
    await expectServerHolds(binding);
  });

  it('refuses simulated and inconsistent bindings before sending anything', async () => {
    const binding = makeBinding(provider, 'CHIP-INVALID', 2);
    await expect(connector.pushBinding({ ...binding, simulated: true })).rejects.toThrow(InvalidBindingError);
    const badKcv = { ...binding, keys: [{ ...binding.keys[0]!, kcv: '000000' }] };
    await expect(connector.pushBinding(badKcv)).rejects.toThrow(/key 0: the KCV does not match the key/);
    await expect(connector.pushBinding({ ...binding, chipSerial: 'chip/1' })).rejects.toThrow(
      InvalidBindingError,
    );
    expect(await connector.lookupBinding('CHIP-INVALID')).toBeNull();
  });

  it('registers a 1024-key binding in batches, and PyKMIP reads every key back equal', async () => {
    const binding = makeBinding(provider, 'CHIP1024', 1024);
    expect(await connector.pushBinding(binding)).toMatchObject({ registered: 1024, alreadyPresent: 0 });
    const { located, objects } = await readBackWithPython('CHIP1024', false);
    expect(located).toHaveLength(1024);
    expect(objects.map((o) => [o.key, o.algorithm, o.length, o.format]).sort()).toEqual(
      binding.keys.map((k) => [bytesToHex(k.key), 'SM4', 128, 'RAW']).sort(),
    );
  });
});
