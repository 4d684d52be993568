// The station's reference profile against the emulated reference chip, end to end through an
// in-process transport, under both crypto providers: identify, secure channel, PUT KEYS of 1024
// keys over short APDUs and in one extended APDU, pool check, per-key proofs, LOCK and GET DATA
// after it, a tampered C-MAC, wrong keys, and the retry counter with the station's floor.
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../crypto/bytes';
import { jsProvider } from '../../crypto/js-provider';
import { nativeProvider } from '../../crypto/native-provider';
import type { CryptoProvider } from '../../crypto/provider';
import { encodeCommandApdu } from '../apdu/command-apdu';
import { ChipStatusError, requireSuccess } from '../apdu/status-words';
import { SecureChannelError } from '../secure-channel/secure-channel-error';
import { zeroiseStaticKeys } from '../secure-channel/static-keys';
import {
  randomPool,
  recordingTransport,
  TEST_KMC,
  TEST_SERIAL,
  testChip,
  rejection,
} from '../test-support/reference-fixture';
import { ChipGuardError } from './chip-guard-error';
import { createChipProfiles, profileForAtr } from './chip-profiles';
import { createReferenceProfile } from './reference-profile';
import { Ins, REFERENCE_CHIP_ATR } from './reference-protocol';

describe.each([nativeProvider, jsProvider])(
  '$name provider: reference profile ↔ emulated chip',
  (provider: CryptoProvider) => {
    const profile = createReferenceProfile({ provider });

    /** Opens a session the way the fill engine will: the static keys are zeroised once it is open. */
    async function opened(extendedLength: boolean, chip = testChip(provider)) {
      const transport = recordingTransport(chip, extendedLength);
      const staticKeys = profile.deriveStaticKeys(TEST_KMC, TEST_SERIAL);
      const session = await profile.openSecureChannel(transport, staticKeys, TEST_SERIAL);
      zeroiseStaticKeys(staticKeys);
      return { chip, transport, session };
    }

    it('identifies a blank chip in two APDUs and recognises its ATR', async () => {
      const chip = testChip(provider, { capacity: 1500 });
      const transport = recordingTransport(chip, false);
      expect(await profile.identify(transport)).toEqual({
        serial: TEST_SERIAL,
        lifecycle: 'blank',
        capacity: 1500,
        freeSlots: 1500,
        authRetriesLeft: 10,
      });
      expect(transport.commands).toHaveLength(2);
      expect(profile.recognises(chip.atr())).toBe(true);
      expect(profile.recognises(hexToBytes('3b8880014a434f503334'))).toBe(false);
      expect(profileForAtr(createChipProfiles(provider), REFERENCE_CHIP_ATR)?.id).toBe('reference');
    });

    it('fills 1024 keys over short APDUs, 14 a command, checks, proves, locks', async () => {
      const { chip, transport, session } = await opened(false);
      const pool = randomPool(1024);
      const progress: number[] = [];
      await profile.putKeys(session, pool, { onProgress: (written) => progress.push(written) });

      const putKeys = transport.commands.filter((c) => c[1] === Ins.putKeys);
      expect(putKeys).toHaveLength(74);
      expect(Math.max(...putKeys.map((c) => c.length))).toBe(4 + 1 + 248 + 1);
      expect(transport.bytesSent(Ins.putKeys)).toBe(18604); // 1.136 × the 16384 key bytes
      expect(progress.slice(0, 2)).toEqual([14, 28]);
      expect(progress.at(-1)).toBe(1024);
      for (const { index, key } of [pool[0]!, pool[500]!, pool[1023]!]) {
        expect(bytesToHex(chip.storedKey(index)!)).toBe(bytesToHex(key));
      }

      const check = await profile.checkPool(session, pool);
      expect(check).toMatchObject({ ok: true, expectedKeyCount: 1024, chipKeyCount: 1024 });
      expect(check.actual).toBe(check.expected);
      expect(await profile.proveKey(session, 777, pool[777]!.key)).toBe(true);
      expect(await profile.proveKey(session, 777, pool[778]!.key)).toBe(false);
      const missing = await rejection(profile.proveKey(session, 1500, pool[0]!.key));
      expect(missing).toMatchObject({ name: 'ChipStatusError', code: 'REFERENCE_NOT_FOUND' });

      await profile.lock(session);
      expect(await profile.identify(transport)).toMatchObject({
        lifecycle: 'locked',
        capacity: 2048,
        freeSlots: 1024,
      });
      const after = await opened(false, chip);
      const refused = await rejection(profile.putKeys(after.session, randomPool(1)));
      expect(refused).toBeInstanceOf(ChipStatusError);
      expect(refused).toMatchObject({ code: 'WRONG_LIFECYCLE', sw: 0x6985 });
      expect((await profile.checkPool(after.session, pool)).ok).toBe(true);
      expect(await rejection(profile.lock(after.session))).toMatchObject({ code: 'WRONG_LIFECYCLE' });
    });

    it('fills 1024 keys in one extended APDU', async () => {
      const { chip, transport, session } = await opened(true);
      const pool = randomPool(1024);
      await profile.putKeys(session, pool);
      const putKeys = transport.commands.filter((c) => c[1] === Ins.putKeys);
      expect(putKeys).toHaveLength(1);
      expect(putKeys[0]).toHaveLength(4 + 3 + 16 * 1025 + 8 + 2);
      expect(transport.bytesSent(Ins.putKeys)).toBe(16417); // 1.002 × the 16384 key bytes
      expect((await profile.checkPool(session, pool)).ok).toBe(true);
      expect(bytesToHex(chip.storedKey(1023)!)).toBe(bytesToHex(pool[1023]!.key));
    });

    it('chunks extended APDUs to the command size the chip advertises', async () => {
      const { transport, session } = await opened(true, testChip(provider, { maxCommandData: 0x800 }));
      const pool = randomPool(1024);
      await profile.putKeys(session, pool);
      const sizes = transport.commands.filter((c) => c[1] === Ins.putKeys).map((c) => c.length);
      expect(sizes).toHaveLength(9); // 126 keys (2016 bytes, 2040 wrapped) a command
      expect(Math.max(...sizes)).toBe(4 + 3 + 2040 + 2);
      expect((await profile.checkPool(session, pool)).ok).toBe(true);
    });

    it('sends each run of consecutive slots separately and refuses a bad pool before sending', async () => {
      const { transport, session } = await opened(true);
      const pool = [...randomPool(3, 10), ...randomPool(2, 100)];
      await profile.putKeys(session, pool);
      const firstSlots = transport.commands
        .filter((c) => c[1] === Ins.putKeys)
        .map((c) => (c[2]! << 8) | c[3]!);
      expect(firstSlots).toEqual([10, 100]);
      expect(profile.poolDigest(pool)).toHaveLength(32);
      expect(bytesToHex(profile.poolDigest([...pool].reverse()))).toBe(bytesToHex(profile.poolDigest(pool)));
      const sent = transport.commands.length;
      expect(() => profile.poolDigest([pool[0]!, pool[0]!])).toThrow('appears twice');
      await expect(profile.putKeys(session, [{ index: 1, key: new Uint8Array(15) }])).rejects.toThrow(
        'must be 16 bytes',
      );
      await expect(profile.putKeys(session, [{ index: 65536, key: new Uint8Array(16) }])).rejects.toThrow(
        '0..65535',
      );
      expect(transport.commands).toHaveLength(sent);
    });

    it('reads every GET DATA tag in and out of the secure channel', async () => {
      const { transport, session } = await opened(false);
      await profile.putKeys(session, randomPool(5));
      const getData = (tag: number) =>
        encodeCommandApdu({ cla: 0x80, ins: Ins.getData, p1: tag >> 8, p2: tag & 0xff, ne: 256 });
      const plain = async (tag: number) =>
        bytesToHex(requireSuccess(await transport.transmit(getData(tag)), 'GET DATA'));
      const secured = async (tag: number) =>
        bytesToHex(requireSuccess(await session.transmit(getData(tag)), 'GET DATA'));
      expect(await secured(0xdf01)).toBe(`df0108${TEST_SERIAL}`);
      expect(await secured(0xdf02)).toBe('df020102');
      expect(await secured(0xdf03)).toBe('df03020800');
      expect(await secured(0xdf04)).toBe('df040207fb');
      expect(await plain(0xdf05)).toBe('df05010a');
      expect(await plain(0xff10)).toBe(`ff101ddf0108${TEST_SERIAL}df020102df03020800df040207fbdf05010a`);
      await expect(plain(0xdf99)).rejects.toMatchObject({ code: 'REFERENCE_NOT_FOUND' });
      expect(await secured(0xdf02)).toBe('df020102');
    });

    it('has the chip refuse a tampered C-MAC and closes the session on both sides', async () => {
      const { chip, transport, session } = await opened(false);
      transport.tamper = (command) => {
        command[command.length - 2] = (command[command.length - 2] ?? 0) ^ 0x01;
        return command;
      };
      const error = await rejection(profile.putKeys(session, randomPool(2)));
      expect(error).toMatchObject({ name: 'ChipStatusError', code: 'SECURITY_STATUS', sw: 0x6982 });
      expect(chip.state()).toMatchObject({ secureChannel: 'none', filledSlots: 0, authRetriesLeft: 10 });
      expect(session.closed).toBe(true);
      await expect(profile.lock(session)).rejects.toMatchObject({
        name: 'SecureChannelError',
        code: 'SESSION_CLOSED',
      });
    });

    it('stops at the card cryptogram with a wrong KMC, costing the chip no try', async () => {
      const chip = testChip(provider);
      const transport = recordingTransport(chip, false);
      const wrongKeys = profile.deriveStaticKeys(hexToBytes('ffeeddccbbaa99887766554433221100'), TEST_SERIAL);
      const error = await rejection(profile.openSecureChannel(transport, wrongKeys, TEST_SERIAL));
      expect(error).toBeInstanceOf(SecureChannelError);
      expect(error).toMatchObject({ code: 'CARD_CRYPTOGRAM_MISMATCH' });
      expect(transport.commands.some((c) => c[1] === Ins.externalAuthenticate)).toBe(false);
      expect(chip.state().authRetriesLeft).toBe(10);
    });

    it('refuses a chip other than the one the keys are for', async () => {
      const transport = recordingTransport(testChip(provider), false);
      const keys = profile.deriveStaticKeys(TEST_KMC, '5153000000000043');
      const error = await rejection(profile.openSecureChannel(transport, keys, '5153000000000043'));
      expect(error).toBeInstanceOf(ChipGuardError);
      expect(error).toMatchObject({ code: 'SERIAL_MISMATCH' });
    });

    it('counts failed EXTERNAL AUTHENTICATEs, resets on success, and the station stops at 3 tries left', async () => {
      const chip = testChip(provider);
      const transport = recordingTransport(chip, false);
      await profile.identify(transport);
      const badAuthenticate = () =>
        rejection(
          (async () => {
            const update = encodeCommandApdu({
              cla: 0x80,
              ins: Ins.initializeUpdate,
              p1: 0,
              p2: 0,
              data: new Uint8Array(8),
              ne: 256,
            });
            requireSuccess(await transport.transmit(update), 'INITIALIZE UPDATE');
            const authenticate = encodeCommandApdu({
              cla: 0x84,
              ins: Ins.externalAuthenticate,
              p1: 0x33,
              p2: 0,
              data: new Uint8Array(16),
            });
            requireSuccess(await transport.transmit(authenticate), 'EXTERNAL AUTHENTICATE');
          })(),
        );
      expect(await badAuthenticate()).toMatchObject({ code: 'AUTH_FAILED', retriesLeft: 9, sw: 0x63c9 });
      expect((await profile.identify(transport)).authRetriesLeft).toBe(9);
      const keys = profile.deriveStaticKeys(TEST_KMC, TEST_SERIAL);
      (await profile.openSecureChannel(transport, keys, TEST_SERIAL)).close();
      expect(chip.state().authRetriesLeft).toBe(10);

      for (let left = 9; left >= 3; left--)
        expect(await badAuthenticate()).toMatchObject({ retriesLeft: left });
      const sent = transport.commands.length;
      const guard = await rejection(profile.openSecureChannel(transport, keys, TEST_SERIAL));
      expect(guard).toMatchObject({ name: 'ChipGuardError', code: 'AUTH_RETRIES_LOW' });
      expect(transport.commands.slice(sent).map((c) => c[1])).toEqual([Ins.select, Ins.getData]);

      for (let left = 2; left >= 0; left--)
        expect(await badAuthenticate()).toMatchObject({ retriesLeft: left });
      expect(await badAuthenticate()).toMatchObject({
        code: 'AUTH_BLOCKED',
        sw: 0x6983,
        command: 'INITIALIZE UPDATE',
      });
    });

    it('zeroises its session keys on close', async () => {
      const used: Uint8Array[] = [];
      const spying: CryptoProvider = {
        ...provider,
        sm4EncryptEcb: (key, data) => {
          used.push(key);
          return provider.sm4EncryptEcb(key, data);
        },
        sm4EncryptCbc: (key, iv, data) => {
          used.push(key);
          return provider.sm4EncryptCbc(key, iv, data);
        },
      };
      const chip = testChip(provider);
      const transport = recordingTransport(chip, false);
      const staticKeys = profile.deriveStaticKeys(TEST_KMC, TEST_SERIAL);
      const session = await createReferenceProfile({ provider: spying }).openSecureChannel(
        transport,
        staticKeys,
        TEST_SERIAL,
      );
      used.length = 0;
      await profile.putKeys(session, randomPool(1));
      expect(new Set(used).size).toBe(4); // S-ENC, S-MAC, S-RMAC and the session's copy of K-DEK
      expect(used.every((key) => key.some((b) => b !== 0))).toBe(true);
      session.close();
      expect(used.every((key) => key.every((b) => b === 0))).toBe(true);
      expect(() => session.encryptKeyData(new Uint8Array(16))).toThrow(SecureChannelError);
    });
  },
);
