// KMIP client over mutual TLS (Node `tls`): the client certificate authenticates the station, the
// pinned CA (only it: Node's root store is not used) and the expected server name authenticate the
// server. One connection is opened on first use and reused; requests go one at a time; after a
// drop the next request reconnects (an idempotent request that meets a connection the server
// closed while idle is sent once more on a fresh one). Responses are framed by their TTLV header
// and decoded strictly; every failure is a typed KeyServiceError (kmip-errors.ts). Request and
// response bytes are zeroed once used: Register requests and Get responses carry keys.
import { isIP } from 'node:net';
import {
  checkServerIdentity,
  connect,
  createSecureContext,
  type SecureContext,
  type TLSSocket,
} from 'node:tls';
import type { KeyServiceError } from '../key-service-errors';
import { connectFailure } from './connect-failure';
import { KmipConnectionError, KmipMalformedResponseError, KmipTimeoutError } from './kmip-errors';
import { matchBatchResults, type BatchItemResult } from './messages/batch-results';
import { formatVersion, KMIP_1_2, type ProtocolVersion } from './messages/protocol-version';
import { encodeRequestMessage, type KmipRequestItem } from './messages/request-message';
import { readResponseMessage } from './messages/response-message';
import type { StructureReader } from './messages/structure-reader';
import { ResponseFramer } from './response-framer';
import { decodeTtlv } from './ttlv/ttlv-decoder';
import { TtlvDecodeError } from './ttlv/ttlv-errors';
import type { TtlvItem } from './ttlv/ttlv-item';

export const KMIP_DEFAULT_PORT = 5696;

export interface KmipClientOptions {
  readonly host: string;
  /** Default 5696 (IANA's KMIP port). */
  readonly port?: number;
  /** PEM of the CA that must have issued the server certificate; no other CA is trusted. */
  readonly ca: string | Uint8Array;
  /** PEM of the client certificate (chain) and its private key. */
  readonly cert: string | Uint8Array;
  readonly key: string | Uint8Array;
  /** The name the server certificate must carry (DNS name or IP); default `host`. */
  readonly serverName?: string;
  /** TCP connect and TLS handshake; default 10 s. */
  readonly connectTimeoutMs?: number;
  /** From sending a request to its whole response; default 30 s. */
  readonly responseTimeoutMs?: number;
  /** Largest response accepted (also sent as Maximum Response Size); default 16 MiB. */
  readonly maxResponseBytes?: number;
  /** Default 1.2. */
  readonly protocolVersion?: ProtocolVersion;
}

export interface BatchOptions {
  /** Safe to send twice (reads): retried once on a fresh connection if a reused one was dropped. */
  readonly idempotent?: boolean;
  /** Ask the server to carry on after a failed item (Batch Error Continuation Option Continue). */
  readonly continueOnError?: boolean;
}

const MAX_NESTING = 16;

interface Pending {
  readonly framer: ResponseFramer;
  readonly resolve: (frame: Uint8Array) => void;
  readonly reject: (error: KeyServiceError) => void;
  readonly timer: NodeJS.Timeout;
}

export class KmipClient {
  readonly endpoint: string;
  readonly #host: string;
  readonly #port: number;
  readonly #serverName: string;
  readonly #context: SecureContext;
  readonly #connectTimeoutMs: number;
  readonly #responseTimeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #version: ProtocolVersion;
  #socket: TLSSocket | undefined;
  #pending: Pending | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: KmipClientOptions) {
    this.#host = options.host;
    this.#port = options.port ?? KMIP_DEFAULT_PORT;
    this.endpoint = `${this.#host}:${this.#port}`;
    this.#serverName = options.serverName ?? options.host;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.#responseTimeoutMs = options.responseTimeoutMs ?? 30_000;
    this.#maxResponseBytes = options.maxResponseBytes ?? 16 * 1024 * 1024;
    if (
      !Number.isInteger(this.#maxResponseBytes) ||
      this.#maxResponseBytes < 1024 ||
      this.#maxResponseBytes > 0x7fff_ffff
    ) {
      throw new RangeError(
        `maxResponseBytes must be an integer from 1024 to 2^31 - 1, got ${this.#maxResponseBytes}`,
      );
    }
    this.#version = options.protocolVersion ?? KMIP_1_2;
    try {
      this.#context = createSecureContext({
        ca: pem(options.ca),
        cert: pem(options.cert),
        key: pem(options.key),
        minVersion: 'TLSv1.2',
      });
    } catch (error) {
      throw new Error(
        `KMIP client for ${this.endpoint}: unusable CA, certificate or key: ${messageOf(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  /** Sends the items as one request message; one result per item, in order. */
  batch(items: readonly KmipRequestItem[], options: BatchOptions = {}): Promise<BatchItemResult[]> {
    const run = this.#queue.then(() => this.#batchNow(items, options));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** One operation; its failure rejects with a KmipOperationError. */
  async call(item: KmipRequestItem, options: BatchOptions = {}): Promise<StructureReader | undefined> {
    const [result] = await this.batch([item], options);
    if (result === undefined) throw new KmipMalformedResponseError('malformed KMIP response: no result');
    if (!result.ok) throw result.error;
    return result.payload;
  }

  /** Closes the connection (a later request opens a new one); fails a request in flight. */
  async close(): Promise<void> {
    const socket = this.#socket;
    this.#socket = undefined;
    this.#failPending(
      new KmipConnectionError('connection-lost', `KMIP connection to ${this.endpoint} closed by the station`),
    );
    if (socket === undefined || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => socket.destroy(), 1000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }

  async #batchNow(items: readonly KmipRequestItem[], options: BatchOptions): Promise<BatchItemResult[]> {
    const request = encodeRequestMessage(items, {
      protocolVersion: this.#version,
      maximumResponseSize: this.#maxResponseBytes,
      ...(options.continueOnError === true ? { batchErrorContinuation: 'Continue' as const } : {}),
    });
    try {
      const frame = await this.#exchangeOnce(request.bytes, options.idempotent === true);
      const message = readResponseMessage(this.#decode(frame));
      const version = message.header.protocolVersion;
      if (version.major !== this.#version.major || version.minor !== this.#version.minor) {
        throw new KmipMalformedResponseError(
          `KMIP server ${this.endpoint} answered in protocol ${formatVersion(version)}, not ${formatVersion(this.#version)}`,
        );
      }
      return matchBatchResults(items, request, message);
    } catch (error) {
      if (error instanceof KmipMalformedResponseError) this.#drop(error);
      throw error;
    } finally {
      request.bytes.fill(0);
    }
  }

  #decode(frame: Uint8Array): TtlvItem {
    try {
      return decodeTtlv(frame, { maxBytes: this.#maxResponseBytes, maxDepth: MAX_NESTING });
    } catch (error) {
      if (error instanceof TtlvDecodeError) {
        throw new KmipMalformedResponseError(`KMIP server ${this.endpoint}: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    } finally {
      frame.fill(0);
    }
  }

  async #exchangeOnce(bytes: Uint8Array, idempotent: boolean): Promise<Uint8Array> {
    const reused = this.#socket !== undefined;
    try {
      return await this.#exchange(bytes);
    } catch (error) {
      const dropped = error instanceof KmipConnectionError && error.code === 'connection-lost';
      if (!(idempotent && reused && dropped)) throw error;
      return this.#exchange(bytes);
    }
  }

  async #exchange(bytes: Uint8Array): Promise<Uint8Array> {
    const current = this.#socket;
    const socket = current !== undefined && !current.destroyed ? current : await this.#connect();
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#drop(
          new KmipTimeoutError(
            'response',
            `KMIP server ${this.endpoint} sent no complete response within ${this.#responseTimeoutMs} ms`,
          ),
        );
      }, this.#responseTimeoutMs);
      this.#pending = { framer: new ResponseFramer(this.#maxResponseBytes), resolve, reject, timer };
      socket.write(bytes);
    });
  }

  #connect(): Promise<TLSSocket> {
    return new Promise<TLSSocket>((resolve, reject) => {
      let tcpConnected = false;
      let settled = false;
      const expected = this.#serverName;
      const socket = connect({
        host: this.#host,
        port: this.#port,
        secureContext: this.#context,
        ...(isIP(expected) === 0 ? { servername: expected } : {}),
        rejectUnauthorized: true,
        checkServerIdentity: (_host, cert) => checkServerIdentity(expected, cert),
      });
      const fail = (error: KeyServiceError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(() => {
        fail(
          new KmipTimeoutError(
            'connect',
            `KMIP server ${this.endpoint}: no TLS connection within ${this.#connectTimeoutMs} ms`,
          ),
        );
      }, this.#connectTimeoutMs);
      const onError = (error: Error): void => fail(connectFailure(error, this.endpoint, tcpConnected));
      const onClose = (): void => {
        const reset = Object.assign(new Error('closed during the handshake'), { code: 'ECONNRESET' });
        fail(connectFailure(reset, this.endpoint, tcpConnected));
      };
      socket.once('connect', () => {
        tcpConnected = true;
      });
      socket.on('error', onError);
      socket.once('close', onClose);
      socket.once('secureConnect', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.off('error', onError);
        socket.off('close', onClose);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 30_000);
        socket.on('data', (chunk: Buffer) => this.#receive(socket, chunk));
        socket.on('error', (error: Error) => this.#lost(socket, error));
        socket.on('close', () => this.#lost(socket, undefined));
        this.#socket = socket;
        resolve(socket);
      });
    });
  }

  #receive(socket: TLSSocket, chunk: Buffer): void {
    const pending = this.#pending;
    if (socket !== this.#socket) return;
    if (pending === undefined) {
      chunk.fill(0);
      this.#drop(new KmipMalformedResponseError(`KMIP server ${this.endpoint} sent bytes nobody asked for`));
      return;
    }
    let frame: Uint8Array | undefined;
    try {
      frame = pending.framer.push(chunk);
    } catch (error) {
      this.#drop(
        error instanceof KmipMalformedResponseError
          ? error
          : new KmipMalformedResponseError(messageOf(error)),
      );
      return;
    }
    if (frame === undefined) return;
    clearTimeout(pending.timer);
    this.#pending = undefined;
    pending.resolve(frame);
  }

  #lost(socket: TLSSocket, error: Error | undefined): void {
    if (socket !== this.#socket) return;
    const why =
      error === undefined ? 'closed the connection' : `dropped the connection (${messageOf(error)})`;
    this.#drop(
      new KmipConnectionError('connection-lost', `KMIP server ${this.endpoint} ${why}`, { cause: error }),
    );
  }

  /** Forgets the connection (destroying it) and fails the request in flight with `error`. */
  #drop(error: KeyServiceError): void {
    const socket = this.#socket;
    this.#socket = undefined;
    socket?.destroy();
    this.#failPending(error);
  }

  #failPending(error: KeyServiceError): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending === undefined) return;
    clearTimeout(pending.timer);
    pending.framer.wipe();
    pending.reject(error);
  }
}

function pem(value: string | Uint8Array): string | Buffer {
  return typeof value === 'string' ? value : Buffer.from(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
