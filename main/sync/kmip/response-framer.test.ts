// Framing responses out of the TLS stream by their TTLV header: any chunking, nothing more than
// one response, a bad or oversized header refused at once, and buffers zeroed once used.
import { describe, expect, it } from 'vitest';
import { KmipMalformedResponseError } from './kmip-errors';
import { ResponseFramer } from './response-framer';
import { encodeTtlv } from './ttlv/ttlv-encoder';
import { Tag } from './ttlv/tags';
import { byteString, structure } from './ttlv/ttlv-item';

const response = encodeTtlv(
  structure(Tag.ResponseMessage, [byteString(Tag.KeyMaterial, new Uint8Array(40).fill(7))]),
);

describe('ResponseFramer', () => {
  it('returns the response only once all of it arrived, byte by byte', () => {
    const framer = new ResponseFramer(1024);
    for (let i = 0; i < response.length - 1; i++)
      expect(framer.push(response.slice(i, i + 1))).toBeUndefined();
    expect(framer.push(response.slice(-1))).toEqual(response);
  });

  it('takes a response in one chunk, and the next one after it', () => {
    const framer = new ResponseFramer(1024);
    expect(framer.push(response.slice())).toEqual(response);
    expect(framer.push(response.slice(0, 20))).toBeUndefined();
    expect(framer.push(response.slice(20))).toEqual(response);
  });

  it('zeroes the chunks it was given', () => {
    const chunk = response.slice();
    new ResponseFramer(1024).push(chunk);
    expect(chunk.every((b) => b === 0)).toBe(true);
  });

  it.each([
    [
      'bytes after the response',
      () => Uint8Array.from([...response, 0x42]),
      /1 bytes follow the response message/,
    ],
    [
      'a request message',
      () => Uint8Array.from([0x42, 0x00, 0x78, 0x01, 0, 0, 0, 0]),
      /starts with RequestMessage/,
    ],
    [
      'a response announced over the bound',
      () => Uint8Array.from([0x42, 0x00, 0x7b, 0x01, 0, 0, 4, 0]),
      /1032 bytes announced, over the 1024-byte bound/,
    ],
    ['text that is not TTLV', () => new TextEncoder().encode('HTTP/1.1 400'), /not a KMIP tag/],
  ])('refuses %s', (_title, bytes, message) => {
    const framer = new ResponseFramer(1024);
    expect(() => framer.push(bytes())).toThrow(KmipMalformedResponseError);
    expect(() => new ResponseFramer(1024).push(bytes())).toThrow(message);
  });
});
