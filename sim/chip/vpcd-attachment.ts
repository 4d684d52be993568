// Attaches a CardBehaviour to vpcd (vsmartcard's pcscd driver) as a virtual card. vpcd listens on
// TCP (127.0.0.1:35963 + slot) and the card connects: the connection is the card in the reader.
// Framing (vsmartcard vpcd.c): 2-byte big-endian length, then the payload; a 1-byte payload is a
// control code (0 power off, 1 power on, 2 reset, 4 "send your ATR"; nothing is answered except
// the ATR), any longer payload is a command APDU answered with the response APDU. vpcd asks for
// the ATR every poll (about 0.4 s) to see whether the card is still there.
// insert() connects (and reconnects after vpcd or pcscd went away), remove() closes the socket:
// pcscd sees the card pulled. A card that throws CardRemovedSignal from process() is pulled in
// the middle of that command: the socket closes without an answer. Fault switches (setFaults):
// delayMs (every APDU answer waits) and mute (APDUs are read and never answered).
import { connect, type Socket } from 'node:net';
import type { CardBehaviour } from './card-behaviour';
import { CardRemovedSignal } from './card-removed-signal';

export type VpcdEndpoint = { readonly host?: string; readonly port: number } | { readonly path: string };

export type VpcdAttachmentEvent =
  | { readonly type: 'inserted' }
  | { readonly type: 'disconnected'; readonly reason: string }
  | { readonly type: 'pulled'; readonly during: string }
  | { readonly type: 'power'; readonly action: 'off' | 'on' | 'reset' }
  | { readonly type: 'error'; readonly message: string };

export interface VpcdFaults {
  readonly delayMs: number;
  readonly mute: boolean;
}

export interface VpcdAttachmentOptions {
  /** Wait between connection attempts while inserted (default 100 ms). */
  readonly reconnectMs?: number;
}

const CONTROL_POWER_OFF = 0;
const CONTROL_POWER_ON = 1;
const CONTROL_RESET = 2;
const CONTROL_ATR = 4;
const MAX_FRAME = 0xffff;

function frame(payload: Uint8Array): Buffer {
  if (payload.length > MAX_FRAME) throw new RangeError(`vpcd frame of ${payload.length} bytes`);
  const out = Buffer.allocUnsafe(2 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}

export class VpcdAttachment {
  readonly #listeners = new Set<(event: VpcdAttachmentEvent) => void>();
  readonly #reconnectMs: number;
  #socket: Socket | null = null;
  #wanted = false;
  #retry: NodeJS.Timeout | undefined;
  #faults: VpcdFaults = { delayMs: 0, mute: false };
  #connectedWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(
    private readonly card: CardBehaviour,
    private readonly endpoint: VpcdEndpoint,
    options: VpcdAttachmentOptions = {},
  ) {
    this.#reconnectMs = options.reconnectMs ?? 100;
  }

  /** True while the card is meant to be in the reader (it may be reconnecting). */
  get inserted(): boolean {
    return this.#wanted;
  }

  /** True while the socket to vpcd is up. */
  get connected(): boolean {
    return this.#socket !== null && !this.#socket.connecting;
  }

  on(listener: (event: VpcdAttachmentEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  setFaults(changes: Partial<VpcdFaults>): void {
    this.#faults = { ...this.#faults, ...changes };
  }

  /** Puts the card in the reader; resolves once the socket to vpcd is up. */
  insert(): Promise<void> {
    this.#wanted = true;
    const connected = new Promise<void>((resolve, reject) => {
      if (this.connected) resolve();
      else this.#connectedWaiters.push({ resolve, reject });
    });
    if (!this.#socket && this.#retry === undefined) this.#connect();
    return connected;
  }

  /** Pulls the card out: the socket closes; resolves once it has. */
  remove(): Promise<void> {
    this.#wanted = false;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    for (const waiter of this.#connectedWaiters.splice(0))
      waiter.reject(new Error('card removed before vpcd took it'));
    return this.#drop();
  }

  #connect(): void {
    this.#retry = undefined;
    if (!this.#wanted) return;
    const socket =
      'path' in this.endpoint
        ? connect(this.endpoint.path)
        : connect(this.endpoint.port, this.endpoint.host ?? '127.0.0.1');
    this.#socket = socket;
    let buffered: Buffer = Buffer.alloc(0);
    let chain = Promise.resolve();
    socket.on('connect', () => {
      reached = true;
      if ('port' in this.endpoint) socket.setNoDelay(true);
      this.#emit({ type: 'inserted' });
      for (const waiter of this.#connectedWaiters.splice(0)) waiter.resolve();
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) break;
        const payload = new Uint8Array(buffered.subarray(2, 2 + length));
        buffered = buffered.subarray(2 + length);
        chain = chain.then(() => this.#handle(socket, payload));
      }
    });
    socket.on('error', () => undefined);
    let reached = false;
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = null;
      if (reached) {
        this.#emit({ type: 'disconnected', reason: this.#wanted ? 'vpcd closed the connection' : 'removed' });
      }
      if (this.#wanted) this.#retry = setTimeout(() => this.#connect(), this.#reconnectMs);
    });
  }

  async #handle(socket: Socket, payload: Uint8Array): Promise<void> {
    if (socket.destroyed) return;
    if (payload.length === 1) {
      this.#control(socket, payload[0] ?? -1);
      return;
    }
    let response: Uint8Array;
    try {
      if (this.#faults.delayMs > 0) await new Promise((r) => setTimeout(r, this.#faults.delayMs));
      if (this.#faults.mute) return;
      response = await this.card.process(payload);
    } catch (error) {
      if (error instanceof CardRemovedSignal) {
        this.#wanted = false;
        this.#emit({ type: 'pulled', during: error.duringCommand });
        socket.destroy();
        return;
      }
      this.#emit({
        type: 'error',
        message: `card failed: ${error instanceof Error ? error.message : String(error)}`,
      });
      response = Uint8Array.of(0x6f, 0x00);
    }
    if (socket.writable) socket.write(frame(response));
  }

  #control(socket: Socket, code: number): void {
    switch (code) {
      case CONTROL_ATR:
        socket.write(frame(this.card.atr()));
        return;
      case CONTROL_POWER_OFF:
        this.card.powerOff();
        this.#emit({ type: 'power', action: 'off' });
        return;
      case CONTROL_POWER_ON:
        this.card.reset();
        this.#emit({ type: 'power', action: 'on' });
        return;
      case CONTROL_RESET:
        this.card.reset();
        this.#emit({ type: 'power', action: 'reset' });
        return;
      default:
        this.#emit({ type: 'error', message: `unknown vpcd control code ${code}` });
    }
  }

  #drop(): Promise<void> {
    const socket = this.#socket;
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => {
        resolve();
      });
      socket.destroy();
    });
  }

  #emit(event: VpcdAttachmentEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}
