// NetworkSource against a local TLS server (sim/qrng/anu-emulator) with a self-signed certificate.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAnuEmulator } from '../../../sim/qrng/anu-emulator';
import type { AnuEmulator } from '../../../sim/qrng/anu-emulator';
import { NetworkSource } from './network-source';

let anu: AnuEmulator;

beforeAll(async () => {
  anu = await startAnuEmulator();
});
afterAll(async () => {
  await anu.stop();
});
beforeEach(() => {
  anu.fault = 'none';
  anu.requests.length = 0;
});

function source(timeoutMs = 2000): NetworkSource {
  return new NetworkSource({ url: anu.url, pinSha256: anu.pinSha256, timeoutMs, maxPerRequest: 1024 });
}

describe('NetworkSource', () => {
  it('pins the SPKI hash that openssl computes for the certificate', () => {
    const pubkey = execFileSync('openssl', ['x509', '-pubkey', '-noout'], { input: anu.certPem });
    const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: pubkey });
    const digest = execFileSync('openssl', ['dgst', '-sha256', '-r'], { input: der }).toString();
    expect(digest.slice(0, 64)).toBe(anu.pinSha256);
  });

  it('fetches exactly n bytes in requests of at most maxPerRequest, with the length query', async () => {
    const qrng = source();
    await qrng.open();
    const bytes = await qrng.read(2500);
    expect(bytes).toHaveLength(2500);
    expect(anu.requests).toEqual([
      '/API/jsonI.php?type=uint8&length=1',
      '/API/jsonI.php?type=uint8&length=1024',
      '/API/jsonI.php?type=uint8&length=1024',
      '/API/jsonI.php?type=uint8&length=452',
    ]);
    expect(qrng.status()).toMatchObject({
      kind: 'network',
      state: 'ready',
      bytesRead: 2500,
      simulated: false,
    });
  });

  it('refuses a server whose key does not match the pin', async () => {
    const qrng = new NetworkSource({ url: anu.url, pinSha256: '00'.repeat(32) });
    await expect(qrng.open()).rejects.toThrow(/server key does not match the pin/);
    expect(qrng.status().state).toBe('failed');
    expect(anu.requests).toEqual([]);
  });

  it.each([
    ['malformed', /not JSON/],
    ['wrong-length', /asked for 16 bytes, answer says 17/],
    ['success-false', /server refused: The QRNG API is limited/],
    ['out-of-range', /malformed answer at data\.0/],
    ['http-500', /HTTP 500/],
  ] as const)('refuses a %s answer and fails', async (fault, message) => {
    const qrng = source();
    await qrng.open();
    anu.fault = fault;
    await expect(qrng.read(16)).rejects.toThrow(message);
    expect(qrng.status().state).toBe('failed');
    anu.fault = 'none';
    await expect(qrng.read(16)).rejects.toThrow(/failed/);
  });

  it('times out on a slow server', async () => {
    const qrng = source(200);
    await qrng.open();
    anu.fault = 'slow';
    anu.slowMs = 1000;
    await expect(qrng.read(16)).rejects.toThrow(/no answer within 200 ms/);
  });

  it('refuses plain http and a malformed pin at construction', () => {
    expect(() => new NetworkSource({ url: 'http://127.0.0.1/', pinSha256: anu.pinSha256 })).toThrow(/https/);
    expect(() => new NetworkSource({ url: anu.url, pinSha256: 'abc' })).toThrow(/64 hex/);
  });
});
