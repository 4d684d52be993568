// The host SCP03-SM4 session's edge checks, with the emulated chip answering and a wrapper that
// alters its answers: malformed INITIALIZE UPDATE responses, another chip's diversification data,
// missing R-MAC, data on an error status, a failing transport, and the size of one APDU.
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../../crypto/bytes';
import { jsProvider } from '../../crypto/js-provider';
import { nativeProvider } from '../../crypto/native-provider';
import type { CryptoProvider } from '../../crypto/provider';
import { ChipProtocolError } from '../apdu/chip-protocol-error';
import { encodeCommandApdu } from '../apdu/command-apdu';
import { referenceDiversificationData } from '../profiles/reference-data-objects';
import { createReferenceProfile } from '../profiles/reference-profile';
import { Ins } from '../profiles/reference-protocol';
import { TEST_KMC, TEST_SERIAL, testChip } from '../test-support/reference-fixture';
import type { ApduTransport } from '../transport/transport';
import { openScp03Session, type OpenScp03Options } from './scp03-session';
import { SecureChannelError } from './secure-channel-error';
import { pad80, unpad80 } from './secure-messaging';
import { diversifyStaticKeys } from './static-keys';

const lock = encodeCommandApdu({ cla: 0x80, ins: Ins.lock, p1: 0, p2: 0 });
const getData = encodeCommandApdu({ cla: 0x80, ins: Ins.getData, p1: 0xdf, p2: 0x02, ne: 256 });

describe.each([nativeProvider, jsProvider])(
  '$name provider: SCP03-SM4 host session',
  (provider: CryptoProvider) => {
    const serial = hexToBytes(TEST_SERIAL);
    const options: OpenScp03Options = {
      provider,
      staticKeys: diversifyStaticKeys(provider, TEST_KMC, serial),
      diversificationData: referenceDiversificationData(serial),
    };

    /** A selected emulated chip whose answers pass through `alter` (by INS of the command). */
    async function chipTransport(
      extendedLength: boolean,
      alter: (ins: number, response: Uint8Array) => Uint8Array = (_, r) => r,
    ): Promise<ApduTransport> {
      const chip = testChip(provider);
      await createReferenceProfile({ provider }).identify({
        extendedLength,
        transmit: (c) => chip.process(c),
      });
      return { extendedLength, transmit: async (c) => alter(c[1] ?? 0, await chip.process(c)) };
    }

    it('pads 80 00.. and strips it only when it is there', () => {
      expect(pad80(hexToBytes('aa'))).toEqual(hexToBytes('aa800000000000000000000000000000'));
      expect(pad80(new Uint8Array(16))).toHaveLength(32);
      expect(unpad80(hexToBytes('aa800000000000000000000000000000'))).toEqual(hexToBytes('aa'));
      expect(unpad80(hexToBytes('aa000000000000000000000000000000'))).toBeUndefined();
      expect(unpad80(hexToBytes('aa800000000000000000000000000001'))).toBeUndefined();
    });

    it('carries 239 plain bytes a short APDU and 65519 an extended one, or the chip limit', async () => {
      expect((await openScp03Session(await chipTransport(false), options)).maxCommandData).toBe(239);
      expect((await openScp03Session(await chipTransport(true), options)).maxCommandData).toBe(65519);
      const limited = await openScp03Session(await chipTransport(true), {
        ...options,
        chipMaxCommandData: 0x800,
      });
      expect(limited.maxCommandData).toBe(2031);
      await expect(
        limited.transmit(
          encodeCommandApdu({ cla: 0x80, ins: Ins.putKeys, p1: 0, p2: 0, data: new Uint8Array(2032) }),
        ),
      ).rejects.toThrow(RangeError);
      await expect(limited.transmit(hexToBytes('80300000'))).resolves.toBeDefined();
      await expect(limited.transmit(hexToBytes('8430000000'))).rejects.toThrow(
        'CLA must be an unprotected class',
      );
    });

    it('refuses INITIALIZE UPDATE answers of the wrong length, protocol or chip', async () => {
      const iu = (mutate: (data: Uint8Array) => Uint8Array) =>
        chipTransport(false, (ins, r) => (ins === Ins.initializeUpdate ? mutate(r) : r));
      const withByte = (at: number, value: number) => (r: Uint8Array) => {
        const out = r.slice();
        out[at] = value;
        return out;
      };
      const flipByte = (at: number) => (r: Uint8Array) => withByte(at, (r[at] ?? 0) ^ 0x01)(r);
      await expect(openScp03Session(await iu((r) => r.slice(1)), options)).rejects.toThrow(ChipProtocolError);
      await expect(openScp03Session(await iu(withByte(11, 0x02)), options)).rejects.toMatchObject({
        code: 'UNSUPPORTED_PARAMETERS',
      });
      await expect(openScp03Session(await iu(withByte(12, 0x20)), options)).rejects.toMatchObject({
        code: 'UNSUPPORTED_PARAMETERS',
      });
      await expect(openScp03Session(await iu(flipByte(7)), options)).rejects.toMatchObject({
        code: 'DIVERSIFICATION_DATA_MISMATCH',
      });
      await expect(openScp03Session(await iu(flipByte(25)), options)).rejects.toMatchObject({
        code: 'CARD_CRYPTOGRAM_MISMATCH',
      });
    });

    it('closes the session on a missing R-MAC, on data with an error status and on a transport failure', async () => {
      const cases: [(r: Uint8Array) => Uint8Array, unknown][] = [
        [(r) => r.slice(-2), ChipProtocolError],
        [() => hexToBytes('aabb6a80'), ChipProtocolError],
        [() => hexToBytes('9000'), ChipProtocolError],
      ];
      for (const [alter, type] of cases) {
        const session = await openScp03Session(
          await chipTransport(false, (ins, r) => (ins === Ins.getData ? alter(r) : r)),
          options,
        );
        await expect(session.transmit(getData)).rejects.toBeInstanceOf(type);
        expect(session.closed).toBe(true);
      }
      const failing = await chipTransport(false, (ins, r) => {
        if (ins === Ins.lock) throw new Error('reader gone');
        return r;
      });
      const session = await openScp03Session(failing, options);
      await expect(session.transmit(lock)).rejects.toThrow('reader gone');
      await expect(session.transmit(lock)).rejects.toBeInstanceOf(SecureChannelError);
    });

    it('returns error statuses bare and keeps the session for the next command', async () => {
      const session = await openScp03Session(await chipTransport(false), options);
      expect(await session.transmit(lock)).toEqual(hexToBytes('6985'));
      expect(session.closed).toBe(false);
      const putKeys = encodeCommandApdu({
        cla: 0x80,
        ins: Ins.putKeys,
        p1: 0,
        p2: 0,
        data: new Uint8Array(16),
      });
      expect(await session.transmit(putKeys)).toEqual(hexToBytes('9000'));
    });
  },
);
