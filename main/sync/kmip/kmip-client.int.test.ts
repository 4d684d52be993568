// KmipClient's connection handling against a real PyKMIP server (mutual TLS 1.2) and against
// misbehaving TLS servers: each refusal is its own typed error (wrong client CA, expired client
// certificate, wrong server name, untrusted server, connection refused, timeouts, malformed
// responses, an operation the server refuses), one connection serves many requests, and a dropped
// connection is replaced.
import { readFileSync } from 'node:fs';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeKmipServer, type FakeBehaviour } from '../../../test/support/fake-kmip-server';
import { freePort, startPyKmipServer, type PyKmipServer } from '../../../test/support/pykmip-server';
import { KeyServiceError } from '../key-service-errors';
import { KmipClient, type KmipClientOptions } from './kmip-client';
import {
  KmipConnectionError,
  KmipMalformedResponseError,
  KmipOperationError,
  KmipTimeoutError,
  KmipTlsError,
} from './kmip-errors';
import { discoverVersionsRequest, readDiscoverVersionsResponse } from './messages/discover-versions';
import { getRequest } from './messages/get';

let server: PyKmipServer;
let wrongName: PyKmipServer;

beforeAll(async () => {
  server = await startPyKmipServer();
  wrongName = await startPyKmipServer({ pki: server.pki, serverCertificate: 'wrong-name' });
});

afterAll(async () => {
  await Promise.all([server.dispose(), wrongName.dispose()]);
});

const discover = discoverVersionsRequest([]);

/** The error one Discover Versions through a fresh client rejects with. */
async function failureOf(options: KmipClientOptions): Promise<unknown> {
  const client = new KmipClient(options);
  try {
    await client.call(discover);
  } catch (error) {
    return error;
  } finally {
    await client.close();
  }
  throw new Error('the request succeeded');
}

function incomingConnections(): number {
  return readFileSync(server.logPath, 'utf8').split('Receiving incoming connection').length - 1;
}

describe('KmipClient with PyKMIP', () => {
  it('speaks KMIP 1.2 over one reused connection', async () => {
    const client = new KmipClient(server.clientOptions());
    const before = incomingConnections();
    for (let i = 0; i < 5; i++) {
      const versions = readDiscoverVersionsResponse(await client.call(discover));
      expect(versions).toContainEqual({ major: 1, minor: 2 });
    }
    expect(incomingConnections() - before).toBe(1);
    await client.close();
  });

  it('checks the server name it is told to expect', async () => {
    const client = new KmipClient(server.clientOptions({ serverName: 'localhost' }));
    await expect(client.call(discover)).resolves.toBeDefined();
    await client.close();
    const error = await failureOf(server.clientOptions({ serverName: 'kmip.example.test' }));
    expect(error).toMatchObject({ name: 'KmipTlsError', failure: 'server-name-mismatch', retryable: false });
  });

  it('maps a refused operation to KmipOperationError, per batch item', async () => {
    const client = new KmipClient(server.clientOptions());
    const error = await client
      .call(getRequest('no-such-object', 'object no-such-object'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KmipOperationError);
    expect(error).toMatchObject({
      operation: 'Get',
      status: 'OperationFailed',
      reason: 'ItemNotFound',
      retryable: false,
    });
    expect((error as Error).message).toMatch(
      /^KMIP Get object no-such-object failed \(OperationFailed, ItemNotFound\)/,
    );
    const results = await client.batch([getRequest('missing', 'object missing'), discover], {
      continueOnError: true,
    });
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    const stopped = await client.batch([getRequest('missing', 'object missing'), discover]);
    expect(stopped.map((r) => (r.ok ? 'ok' : r.error.status))).toEqual(['OperationFailed', 'NotProcessed']);
    await client.close();
  });
});

describe('KmipClient refuses', () => {
  it.each([
    ['a client certificate from another CA', 'foreignClient', 'client-certificate-unknown-ca'],
    ['an expired client certificate', 'expiredClient', 'client-certificate-expired'],
  ] as const)('%s (the server refuses it)', async (_title, which, failure) => {
    const { cert, key } = server.pki[which];
    const error = await failureOf(server.clientOptions({ cert, key }));
    expect(error).toBeInstanceOf(KmipTlsError);
    expect(error).toMatchObject({ code: 'tls-handshake', failure, retryable: false });
    expect((error as Error).message).toContain(`KMIP server 127.0.0.1:${server.port}`);
  });

  it('a server certificate for another name', async () => {
    const error = await failureOf(wrongName.clientOptions());
    expect(error).toMatchObject({ name: 'KmipTlsError', failure: 'server-name-mismatch' });
    expect((error as Error).message).toMatch(/not for the expected name \(ERR_TLS_CERT_ALTNAME_INVALID\)/);
  });

  it('a server whose certificate the pinned CA did not issue', async () => {
    const error = await failureOf(server.clientOptions({ ca: server.pki.foreignCa }));
    expect(error).toMatchObject({ name: 'KmipTlsError', failure: 'server-certificate-untrusted' });
  });

  it('a port where no server listens, as connection refused', async () => {
    const error = await failureOf(server.clientOptions({ port: await freePort() }));
    expect(error).toBeInstanceOf(KmipConnectionError);
    expect(error).toMatchObject({ code: 'connection-refused', retryable: true });
  });

  it('a configuration whose key does not match its certificate, at construction', () => {
    const options = server.clientOptions({ key: server.pki.foreignClient.key });
    expect(() => new KmipClient(options)).toThrow(/unusable CA, certificate or key/);
  });
});

describe('KmipClient against misbehaving servers', () => {
  it('times out a TCP peer that never does TLS', async () => {
    const silent: TcpServer = createTcpServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const started = Date.now();
    const error = await failureOf(server.clientOptions({ port, connectTimeoutMs: 300 }));
    expect(error).toBeInstanceOf(KmipTimeoutError);
    expect(error).toMatchObject({ phase: 'connect', retryable: true });
    expect(Date.now() - started).toBeLessThan(3000);
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it.each([
    ['never answers', 'silent', KmipTimeoutError, /no complete response within 300 ms/],
    [
      'answers with something not KMIP',
      'garbage',
      KmipMalformedResponseError,
      /not a KMIP tag|not a ResponseMessage/,
    ],
    ['announces a 2 GiB response', 'huge', KmipMalformedResponseError, /over the 16777216-byte bound/],
    ['sends broken TTLV', 'broken-ttlv', KmipMalformedResponseError, /overlong/],
  ] as const)('a server that %s', async (_title, behaviour: FakeBehaviour, type, message) => {
    const fake = await startFakeKmipServer(server.pki, behaviour);
    const started = Date.now();
    const error = await failureOf(server.clientOptions({ port: fake.port, responseTimeoutMs: 300 }));
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(KeyServiceError);
    expect((error as Error).message).toMatch(message);
    expect(Date.now() - started).toBeLessThan(3000);
    await fake.close();
  });

  it('reconnects after the server drops the connection', async () => {
    const fake = await startFakeKmipServer(server.pki, 'drop-first');
    const client = new KmipClient(server.clientOptions({ port: fake.port }));
    await expect(client.call(discover)).rejects.toMatchObject({ code: 'connection-lost', retryable: true });
    expect(readDiscoverVersionsResponse(await client.call(discover))).toEqual([{ major: 1, minor: 2 }]);
    expect(fake.connections).toBe(2);
    await client.close();
    await fake.close();
  });

  it('sends an idempotent request once more when a reused connection drops it, and no other', async () => {
    const fake = await startFakeKmipServer(server.pki, 'drop-second');
    const client = new KmipClient(server.clientOptions({ port: fake.port }));
    await client.call(discover, { idempotent: true });
    expect(readDiscoverVersionsResponse(await client.call(discover, { idempotent: true }))).toHaveLength(1);
    expect([fake.connections, fake.requests]).toEqual([2, 3]);
    await client.close();
    await fake.close();
    const again = await startFakeKmipServer(server.pki, 'drop-second');
    const plain = new KmipClient(server.clientOptions({ port: again.port }));
    await plain.call(discover);
    await expect(plain.call(discover)).rejects.toMatchObject({ code: 'connection-lost' });
    expect([again.connections, again.requests]).toEqual([1, 2]);
    await plain.close();
    await again.close();
  });
});
