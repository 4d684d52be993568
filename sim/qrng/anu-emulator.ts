// Network QRNG emulator: a local HTTPS server on 127.0.0.1 (port 0) answering in the ANU QRNG
// JSON shape, {"type":"uint8","length":N,"data":[...],"success":true}, for GET ...?length=N.
// Its key and self-signed certificate are made at start with the openssl CLI (P-256, CN=localhost,
// 1 day). Fault switches (`fault`): malformed JSON, wrong length, success false, out-of-range
// values, slow (answers after `slowMs`), HTTP 500.
import { spawn } from 'node:child_process';
import { X509Certificate, createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type AnuFault =
  'none' | 'malformed' | 'wrong-length' | 'success-false' | 'out-of-range' | 'slow' | 'http-500';

export interface AnuEmulator {
  /** Base URL, e.g. https://127.0.0.1:PORT/API/jsonI.php?type=uint8 */
  readonly url: string;
  /** SHA-256 of the server's SubjectPublicKeyInfo (DER), hex. */
  readonly pinSha256: string;
  /** The certificate (PEM). */
  readonly certPem: string;
  fault: AnuFault;
  slowMs: number;
  /** Request paths seen (with query). */
  readonly requests: string[];
  stop(): Promise<void>;
}

export async function startAnuEmulator(): Promise<AnuEmulator> {
  const dir = await mkdtemp(join(tmpdir(), 'anu-emulator-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-days',
    '1',
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ]);
  const [key, certPem] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
  await rm(dir, { recursive: true, force: true });
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });

  const requests: string[] = [];
  const state = { fault: 'none' as AnuFault, slowMs: 2000 };
  const server: Server = createServer({ key, cert: certPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    requests.push(`${url.pathname}${url.search}`);
    const length = Number(url.searchParams.get('length') ?? '1');
    const data = [...randomBytes(Math.max(1, Math.min(length, 1024)))];
    const answer = (body: string, status = 200, delay = 0): void => {
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      }, delay);
    };
    switch (state.fault) {
      case 'malformed':
        answer('{"type":"uint8","length":');
        return;
      case 'wrong-length':
        answer(JSON.stringify({ type: 'uint8', length: data.length + 1, data: [...data, 7], success: true }));
        return;
      case 'success-false':
        answer(
          JSON.stringify({ success: false, message: 'The QRNG API is limited to 1 request per minute.' }),
        );
        return;
      case 'out-of-range':
        answer(
          JSON.stringify({ type: 'uint8', length: data.length, data: data.map(() => 256), success: true }),
        );
        return;
      case 'http-500':
        answer('internal error', 500);
        return;
      case 'slow':
        answer(
          JSON.stringify({ type: 'uint8', length: data.length, data, success: true }),
          200,
          state.slowMs,
        );
        return;
      case 'none':
        answer(JSON.stringify({ type: 'uint8', length: data.length, data, success: true }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}/API/jsonI.php?type=uint8`,
    pinSha256: createHash('sha256').update(spki).digest('hex'),
    certPem,
    get fault() {
      return state.fault;
    },
    set fault(value: AnuFault) {
      state.fault = value;
    },
    get slowMs() {
      return state.slowMs;
    },
    set slowMs(value: number) {
      state.slowMs = value;
    },
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`)),
    );
  });
}
