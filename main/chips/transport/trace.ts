// Recording decorator over an ApduTransport: keeps the last APDUs of a session (direction, time,
// bytes) so a failed fill can be kept with its trace, in the `=> hex` / `<= hex` form of a
// record store. Key-bearing fields never enter the trace: the data field of a command the caller's
// rule marks (default: INS in a given set, any command with secure-messaging CLA bits, any command
// while the caller says a secure channel is open) is replaced by its length, and so is the data of
// its response when the rule says so (default: while a secure channel is open).
import { commandShape } from './apdu-shape';
import { ChipTransportError, messageOf } from './transport-error';
import type { ApduTransport } from './transport';

export type TraceDirection = '=>' | '<=' | '!!';

export interface TraceEntry {
  readonly direction: TraceDirection;
  /** Milliseconds from the clock (Date.now by default). */
  readonly at: number;
  /** Hex of the bytes, a redacted field shown as `[n bytes redacted]`; the error for '!!'. */
  readonly text: string;
  /** Length of the APDU on the wire (0 for an error). */
  readonly length: number;
  readonly redacted: boolean;
}

export interface RedactionDecision {
  readonly commandData: boolean;
  readonly responseData: boolean;
}

/** Decides, per command APDU, which data fields stay out of the trace. */
export type RedactionRule = (command: Uint8Array) => RedactionDecision;

export interface DefaultRedactionOptions {
  /** INS codes whose command data carries keys (e.g. PUT KEY 0xD8, STORE DATA 0xE2). */
  readonly sensitiveIns: Iterable<number>;
  /** True while a secure channel is open: then all data, both ways, is redacted. */
  readonly secureChannelOpen?: () => boolean;
}

/** Secure messaging indicated in CLA (ISO/IEC 7816-4 §5.4.1; GlobalPlatform 0x84 sets the same bit). */
function claSecureMessaging(cla: number): boolean {
  if ((cla & 0xe0) === 0x20 || cla === 0xff) return false;
  return (cla & 0x40) !== 0 ? (cla & 0x20) !== 0 : (cla & 0x0c) !== 0;
}

export function defaultRedaction(options: DefaultRedactionOptions): RedactionRule {
  const sensitive = new Set(options.sensitiveIns);
  const channelOpen = options.secureChannelOpen ?? (() => false);
  return (command) => {
    const open = channelOpen();
    const cla = command[0] ?? 0;
    const ins = command[1] ?? 0;
    return {
      commandData: open || sensitive.has(ins) || claSecureMessaging(cla),
      responseData: open,
    };
  };
}

export interface TraceOptions {
  readonly redact: RedactionRule;
  /** Entries kept (oldest dropped first); default 4096. */
  readonly maxEntries?: number;
  readonly clock?: () => number;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}

function commandText(command: Uint8Array, redact: boolean): string {
  if (!redact) return hex(command);
  let shape;
  try {
    shape = commandShape(command);
  } catch {
    return `${hex(command.subarray(0, 4))} [${command.length - 4} bytes redacted]`;
  }
  if (shape.dataLength === 0) return hex(command);
  const end = shape.dataOffset + shape.dataLength;
  return `${hex(command.subarray(0, shape.dataOffset))} [${shape.dataLength} bytes redacted] ${hex(command.subarray(end))}`.trimEnd();
}

function responseText(response: Uint8Array, redact: boolean): string {
  if (!redact || response.length <= 2) return hex(response);
  return `[${response.length - 2} bytes redacted] ${hex(response.subarray(-2))}`;
}

export class TraceTransport implements ApduTransport {
  readonly #entries: TraceEntry[] = [];
  readonly #max: number;
  readonly #clock: () => number;

  constructor(
    private readonly inner: ApduTransport,
    private readonly options: TraceOptions,
  ) {
    this.#max = options.maxEntries ?? 4096;
    this.#clock = options.clock ?? Date.now;
  }

  get extendedLength(): boolean {
    return this.inner.extendedLength;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const decision = this.options.redact(command);
    this.#push('=>', commandText(command, decision.commandData), command.length, decision.commandData);
    let response: Uint8Array;
    try {
      response = await this.inner.transmit(command);
    } catch (error) {
      const code = error instanceof ChipTransportError ? `${error.code}: ` : '';
      this.#push('!!', `${code}${messageOf(error)}`, 0, false);
      throw error;
    }
    const redacted = decision.responseData && response.length > 2;
    this.#push('<=', responseText(response, decision.responseData), response.length, redacted);
    return response;
  }

  entries(): readonly TraceEntry[] {
    return [...this.#entries];
  }

  /** The trace as text, one `=> hex` / `<= hex` line per APDU with its time. */
  format(): string {
    return this.#entries.map((e) => `${new Date(e.at).toISOString()} ${e.direction} ${e.text}`).join('\n');
  }

  clear(): void {
    this.#entries.length = 0;
  }

  #push(direction: TraceDirection, text: string, length: number, redacted: boolean): void {
    this.#entries.push({ direction, at: this.#clock(), text, length, redacted });
    if (this.#entries.length > this.#max) this.#entries.splice(0, this.#entries.length - this.#max);
  }
}
