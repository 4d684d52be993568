// One-method decorator over an ApduTransport (apdu4j's GetResponseWrapper habit): on SW 61xx it
// sends GET RESPONSE (CLA C0 00 00 xx) until the card has no more bytes and returns the whole
// response; on SW 6Cxx it re-sends the command once with Le = xx. Both loops are bounded.
import { withLe } from './apdu-shape';
import { ChipTransportError } from './transport-error';
import type { ApduTransport } from './transport';

export interface GetResponseOptions {
  /** Most GET RESPONSE commands for one command APDU (default 300: 75 KiB at 256 bytes a round). */
  readonly maxRounds?: number;
  /** Largest assembled response data (default 65536 bytes). */
  readonly maxResponseData?: number;
}

const GET_RESPONSE_INS = 0xc0;

/** GET RESPONSE on the command's logical channel (ISO/IEC 7816-4 §5.4.1 class byte coding). */
function getResponseCommand(cla: number, le: number): Uint8Array {
  const channelCla = (cla & 0x40) !== 0 ? 0x40 | (cla & 0x0f) : cla & 0x03;
  return Uint8Array.of(channelCla, GET_RESPONSE_INS, 0x00, 0x00, le & 0xff);
}

function checked(response: Uint8Array): Uint8Array {
  if (response.length < 2) {
    throw new ChipTransportError('PROTOCOL', `response of ${response.length} bytes has no status word`);
  }
  return response;
}

export class GetResponseTransport implements ApduTransport {
  readonly #maxRounds: number;
  readonly #maxData: number;

  constructor(
    private readonly inner: ApduTransport,
    options: GetResponseOptions = {},
  ) {
    this.#maxRounds = options.maxRounds ?? 300;
    this.#maxData = options.maxResponseData ?? 65536;
  }

  get extendedLength(): boolean {
    return this.inner.extendedLength;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    let response = checked(await this.inner.transmit(command));
    if (sw1(response) === 0x6c) {
      response = checked(await this.inner.transmit(withLe(command, sw2(response) || 256)));
    }
    const chunks: Uint8Array[] = [response.subarray(0, -2)];
    let total = response.length - 2;
    let rounds = 0;
    while (sw1(response) === 0x61 || (rounds > 0 && sw1(response) === 0x6c)) {
      rounds += 1;
      if (rounds > this.#maxRounds) {
        throw new ChipTransportError('PROTOCOL', `card still has data after ${this.#maxRounds} GET RESPONSE`);
      }
      response = checked(await this.inner.transmit(getResponseCommand(command[0] ?? 0, sw2(response))));
      const data = response.subarray(0, -2);
      total += data.length;
      if (total > this.#maxData) {
        throw new ChipTransportError('PROTOCOL', `response data longer than ${this.#maxData} bytes`);
      }
      chunks.push(data);
    }
    const out = new Uint8Array(total + 2);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    out.set(response.subarray(-2), total);
    return out;
  }
}

function sw1(response: Uint8Array): number {
  return response[response.length - 2] ?? 0;
}

function sw2(response: Uint8Array): number {
  return response[response.length - 1] ?? 0;
}
