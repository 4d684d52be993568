// The KMIP server dies in the middle of a batched push (SIGKILL, as in a crash): the push fails
// with a retryable connection error, pushes while it is down are refused as such, and once it is
// back (same database) the same connector's retry registers only what is missing: PyKMIP's python
// client then finds each key of the binding exactly once.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '../../crypto/bytes';
import { selectProvider } from '../../crypto/select-provider';
import { makeBinding } from '../../../test/support/chip-binding';
import { readWithPyKmip, startPyKmipServer, type PyKmipServer } from '../../../test/support/pykmip-server';
import { KeyServiceError } from '../key-service-errors';
import { chipObjectGroup } from './chip-key-naming';
import { KmipClient } from './kmip-client';
import { KmipConnector } from './kmip-connector';

const provider = selectProvider();
let server: PyKmipServer;

beforeAll(async () => {
  server = await startPyKmipServer();
});

afterAll(async () => {
  await server.dispose();
});

/** Registers the server has committed (PyKMIP logs this line after the commit). */
function registersCommitted(): number {
  return readFileSync(server.logPath, 'utf8').split('Registered a SymmetricKey with ID').length - 1;
}

async function untilRegistered(count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (registersCommitted() < count) {
    if (Date.now() > deadline) throw new Error(`the server committed only ${registersCommitted()} Registers`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a KMIP server killed mid-push', () => {
  it('fails the push clearly, and a retry after the restart completes it without duplicates', async () => {
    const binding = makeBinding(provider, 'CHIP-CRASH', 256);
    const connector = new KmipConnector({
      client: new KmipClient(server.clientOptions()),
      provider,
      registerBatchSize: 16,
    });

    const push = connector.pushBinding(binding).then(
      () => new Error('the push completed'),
      (e: unknown) => e,
    );
    await untilRegistered(64);
    await server.kill();
    const error = await push;
    expect(error).toBeInstanceOf(KeyServiceError);
    expect((error as KeyServiceError).retryable).toBe(true);
    expect((error as KeyServiceError).code).toMatch(/^connection-(lost|refused)$/);
    expect((error as Error).message).toMatch(new RegExp(`KMIP server 127\\.0\\.0\\.1:${server.port} `));

    await expect(connector.pushBinding(binding)).rejects.toMatchObject({ code: 'connection-refused' });
    expect(await connector.health()).toMatchObject({ ok: false, code: 'connection-refused' });

    await server.start();
    const retried = await connector.pushBinding(binding);
    expect(retried.registered + retried.alreadyPresent).toBe(256);
    expect(retried.alreadyPresent).toBeGreaterThanOrEqual(64);
    expect(retried.registered).toBeGreaterThan(0);
    await connector.close();

    const group = chipObjectGroup('CHIP-CRASH');
    const located = (await readWithPyKmip(server, { groups: [group] })).byGroup[group] ?? [];
    expect(located).toHaveLength(256);
    const { objects } = await readWithPyKmip(server, { get: located });
    expect(
      Object.values(objects)
        .map((o) => o.key)
        .sort(),
    ).toEqual(binding.keys.map((k) => bytesToHex(k.key)).sort());
  });
});
