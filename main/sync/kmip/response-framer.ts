// Cuts one KMIP response out of the TLS byte stream: the first 8 bytes are the Response Message's
// TTLV header, whose Length says how many bytes follow. The header is checked before anything is
// buffered (tag Response Message, type Structure, length a multiple of 8 and within the bound), so
// a peer that sends garbage or claims a huge length is refused at once instead of waited for.
// Bytes beyond the response are refused too (the station sends one request at a time).
import { KmipMalformedResponseError } from './kmip-errors';
import { readTtlvHeader, TTLV_HEADER_BYTES } from './ttlv/ttlv-decoder';
import { TtlvDecodeError } from './ttlv/ttlv-errors';
import { describeTag, Tag } from './ttlv/tags';

export class ResponseFramer {
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #expected: number | undefined;

  constructor(readonly maxBytes: number) {}

  /** Takes received bytes; returns the whole response once complete (the framer is then empty). */
  push(chunk: Uint8Array): Uint8Array | undefined {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    if (this.#expected === undefined && this.#buffered >= TTLV_HEADER_BYTES)
      this.#expected = this.#frameLength();
    if (this.#expected === undefined || this.#buffered < this.#expected) return undefined;
    if (this.#buffered > this.#expected) {
      const extra = this.#buffered - this.#expected;
      this.wipe();
      throw new KmipMalformedResponseError(
        `malformed KMIP response: ${extra} bytes follow the response message`,
      );
    }
    const frame = new Uint8Array(this.#buffered);
    let at = 0;
    for (const part of this.#chunks) {
      frame.set(part, at);
      at += part.length;
    }
    this.wipe();
    return frame;
  }

  /** Zeroes and drops whatever was buffered (a response may hold keys). */
  wipe(): void {
    for (const part of this.#chunks) part.fill(0);
    this.#chunks = [];
    this.#buffered = 0;
    this.#expected = undefined;
  }

  #frameLength(): number {
    const head = new Uint8Array(TTLV_HEADER_BYTES);
    let at = 0;
    for (const part of this.#chunks) {
      const take = part.subarray(0, TTLV_HEADER_BYTES - at);
      head.set(take, at);
      at += take.length;
      if (at === TTLV_HEADER_BYTES) break;
    }
    try {
      const { tag, type, length } = readTtlvHeader(head);
      if (tag !== Tag.ResponseMessage || type !== 'Structure') {
        throw new KmipMalformedResponseError(
          `malformed KMIP response: starts with ${describeTag(tag)} ${type}, not a ResponseMessage Structure`,
        );
      }
      if (TTLV_HEADER_BYTES + length > this.maxBytes) {
        throw new KmipMalformedResponseError(
          `malformed KMIP response: ${TTLV_HEADER_BYTES + length} bytes announced, over the ${this.maxBytes}-byte bound`,
        );
      }
      return TTLV_HEADER_BYTES + length;
    } catch (error) {
      this.wipe();
      if (error instanceof TtlvDecodeError) {
        throw new KmipMalformedResponseError(`malformed KMIP response: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
}
