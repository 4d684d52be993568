// Network QRNG over HTTPS with a pinned server key (JSON API in the ANU shape). The pin is the
// SHA-256 of the server's SubjectPublicKeyInfo (DER), as hex; it is the trust anchor: a server with
// any other key is refused even when its certificate is CA-valid, and no CA check is needed for
// the pinned one (a self-signed QRNG appliance works). Each request asks for at most
// `maxPerRequest` bytes through the `length` query parameter; every answer is validated (zod).
import { X509Certificate, createHash } from 'node:crypto';
import { request } from 'node:https';
import { TLSSocket } from 'node:tls';
import type { EntropySource, EntropySourceEvent, EntropySourceStatus } from '../entropy-source';
import { parseAnuAnswer } from './anu-response';
import { SourceStatusKeeper } from './source-status';

export interface NetworkSourceOptions {
  /** https URL of the API, e.g. https://qrng.example/API/jsonI.php?type=uint8 */
  readonly url: string;
  /** SHA-256 of the server's SubjectPublicKeyInfo (DER), 64 hex digits. */
  readonly pinSha256: string;
  readonly timeoutMs?: number;
  readonly maxPerRequest?: number;
}

const MAX_READ = 1024 * 1024;
const MAX_BODY = 16 * 1024 * 1024;

/** SHA-256 of a DER certificate's SubjectPublicKeyInfo (DER), hex. */
export function spkiSha256(certDer: Uint8Array): string {
  const spki = new X509Certificate(certDer).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('hex');
}

export class NetworkSource implements EntropySource {
  readonly kind = 'network';
  readonly simulated = false;
  readonly #keeper: SourceStatusKeeper;
  readonly #url: URL;
  readonly #pin: string;
  readonly #timeoutMs: number;
  readonly #maxPerRequest: number;

  constructor(options: NetworkSourceOptions) {
    this.#url = new URL(options.url);
    if (this.#url.protocol !== 'https:') throw new Error(`network QRNG URL must be https: ${options.url}`);
    if (!/^[0-9a-fA-F]{64}$/.test(options.pinSha256)) throw new Error('pinSha256 must be 64 hex digits');
    this.#pin = options.pinSha256.toLowerCase();
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#maxPerRequest = options.maxPerRequest ?? 1024;
    this.#keeper = new SourceStatusKeeper('network', this.#url.host, false);
  }

  /** Checks the server (pin, answer shape) with a one-byte request. */
  async open(): Promise<void> {
    this.#keeper.set('opening');
    try {
      await this.#fetch(1);
    } catch (error) {
      throw this.#keeper.fail(messageOf(error));
    }
    this.#keeper.set('ready');
  }

  async read(n: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(n) || n <= 0 || n > MAX_READ) {
      throw new RangeError(`read size must be an integer in 1..${MAX_READ}, got ${n}`);
    }
    this.#keeper.assertReady();
    const out = new Uint8Array(n);
    const started = performance.now();
    try {
      for (let at = 0; at < n;) {
        const part = await this.#fetch(Math.min(this.#maxPerRequest, n - at));
        out.set(part, at);
        at += part.length;
      }
    } catch (error) {
      out.fill(0);
      throw this.#keeper.fail(messageOf(error));
    }
    this.#keeper.counted(n, performance.now() - started);
    return out;
  }

  status(): EntropySourceStatus {
    return this.#keeper.status();
  }

  rate(): number {
    return this.#keeper.rate();
  }

  close(): Promise<void> {
    this.#keeper.set('closed');
    return Promise.resolve();
  }

  on(listener: (event: EntropySourceEvent) => void): () => void {
    return this.#keeper.on(listener);
  }

  /** One request for `length` bytes over a fresh, pin-checked TLS connection. */
  #fetch(length: number): Promise<Uint8Array> {
    const url = new URL(this.#url);
    url.searchParams.set('length', String(length));
    return new Promise((resolve, reject) => {
      let pinned = false;
      const req = request(url, {
        method: 'GET',
        agent: false,
        rejectUnauthorized: false,
        minVersion: 'TLSv1.2',
        timeout: this.#timeoutMs,
        headers: { accept: 'application/json' },
      });
      req.on('socket', (socket) => {
        if (!(socket instanceof TLSSocket)) {
          req.destroy(new Error('not a TLS connection'));
          return;
        }
        socket.once('secureConnect', () => {
          const seen = peerKeyHash(socket);
          if (seen === this.#pin) pinned = true;
          else req.destroy(new Error(`server key does not match the pin (server SPKI SHA-256 ${seen})`));
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.#timeoutMs} ms`)));
      req.on('error', (error) => reject(new Error(`request failed: ${error.message}`)));
      req.on('response', (res) => {
        if (!pinned) {
          res.destroy();
          reject(new Error('answer arrived on a connection whose key was not checked'));
          return;
        }
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`server answered HTTP ${res.statusCode ?? '?'}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) res.destroy(new Error('answer too large'));
          else chunks.push(chunk);
        });
        res.on('error', (error) => reject(new Error(`answer broken off: ${error.message}`)));
        res.on('end', () => {
          const parsed = parseAnuAnswer(Buffer.concat(chunks).toString('utf8'), length);
          if (parsed instanceof Error) reject(parsed);
          else resolve(parsed);
        });
      });
      req.end();
    });
  }
}

/** The pinned-form hash of the peer's key, or 'none' when it sent no usable certificate. */
function peerKeyHash(socket: TLSSocket): string {
  try {
    return spkiSha256(socket.getPeerCertificate().raw);
  } catch {
    return 'none';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
