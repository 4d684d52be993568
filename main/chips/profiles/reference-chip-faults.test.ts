// Every fault switch of the emulated reference chip (sim/chip/applet) seen from the station's
// reference profile, so each gives the typed error the fill engine branches on; plus the state
// file that keeps a chip across restarts and the applet's answers to commands out of place.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../crypto/bytes';
import { jsProvider } from '../../crypto/js-provider';
import { nativeProvider } from '../../crypto/native-provider';
import type { CryptoProvider } from '../../crypto/provider';
import { encodeCommandApdu } from '../apdu/command-apdu';
import { parseResponseApdu } from '../apdu/response-apdu';
import { ChipTransportError } from '../transport/transport-error';
import type { ReferenceChip } from '../../../sim/chip/applet/reference-chip';
import {
  randomPool,
  recordingTransport,
  TEST_KMC,
  TEST_SERIAL,
  testChip,
  rejection,
} from '../test-support/reference-fixture';
import { createReferenceProfile } from './reference-profile';
import { Ins, REFERENCE_AID } from './reference-protocol';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe.each([nativeProvider, jsProvider])(
  '$name provider: reference chip fault switches',
  (provider: CryptoProvider) => {
    const profile = createReferenceProfile({ provider });
    const staticKeys = profile.deriveStaticKeys(TEST_KMC, TEST_SERIAL);

    async function opened(chip: ReferenceChip, extendedLength = false) {
      const transport = recordingTransport(chip, extendedLength);
      return { transport, session: await profile.openSecureChannel(transport, staticKeys, TEST_SERIAL) };
    }

    it('slowMs delays every answer', async () => {
      const chip = testChip(provider, { faults: { slowMs: 25 } });
      const started = performance.now();
      await profile.identify(recordingTransport(chip, false));
      expect(performance.now() - started).toBeGreaterThanOrEqual(45);
      chip.setFaults({ slowMs: 0 });
      expect(chip.faults().slowMs).toBe(0);
    });

    it('removeDuringCommand pulls the card in the Nth PUT KEYS, rolled back; a re-run then completes', async () => {
      const chip = testChip(provider, {
        faults: { removeDuringCommand: { command: 'putKeys', occurrence: 3 } },
      });
      const pool = randomPool(100);
      const first = await opened(chip);
      const error = await rejection(profile.putKeys(first.session, pool));
      expect(error).toBeInstanceOf(ChipTransportError);
      expect(error).toMatchObject({ code: 'CARD_REMOVED' });
      expect(first.session.closed).toBe(true);
      expect(chip.state()).toMatchObject({
        filledSlots: 28,
        lifecycle: 'filled',
        selected: false,
        secureChannel: 'none',
      });
      expect(chip.faults().removeDuringCommand).toBeUndefined();

      const again = await opened(chip);
      await profile.putKeys(again.session, pool);
      expect((await profile.checkPool(again.session, pool)).ok).toBe(true);
    });

    it('removeDuringCommand with afterCommit pulls the card after the write took effect', async () => {
      const chip = testChip(provider);
      const { session } = await opened(chip);
      chip.setFaults({ removeDuringCommand: { command: 'lock', occurrence: 1, afterCommit: true } });
      await profile.putKeys(session, randomPool(3));
      await expect(profile.lock(session)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
      expect(chip.state().lifecycle).toBe('locked');
    });

    it('wrongMac corrupts R-MACs: the station rejects the answer and closes the session', async () => {
      const chip = testChip(provider);
      const { session } = await opened(chip);
      chip.setFaults({ wrongMac: true });
      const error = await rejection(profile.putKeys(session, randomPool(2)));
      expect(error).toMatchObject({ name: 'SecureChannelError', code: 'R_MAC_MISMATCH' });
      expect(session.closed).toBe(true);
    });

    it.each([false, true])(
      'memoryFull answers 6A84 beyond the writable slots (extended %s)',
      async (extended) => {
        const chip = testChip(provider, { faults: { memoryFull: 500 } });
        expect((await profile.identify(recordingTransport(chip, extended))).capacity).toBe(2048);
        const { session } = await opened(chip, extended);
        const error = await rejection(profile.putKeys(session, randomPool(1024)));
        expect(error).toMatchObject({ name: 'ChipStatusError', code: 'MEMORY_FULL', sw: 0x6a84 });
        expect(chip.state().filledSlots).toBe(extended ? 0 : 490);
      },
    );

    it('lieAboutKey makes that key fail its proof and the pool fail its check', async () => {
      const chip = testChip(provider, { faults: { lieAboutKey: 7 } });
      const { session } = await opened(chip);
      const pool = randomPool(20);
      await profile.putKeys(session, pool);
      const check = await profile.checkPool(session, pool);
      expect(check).toMatchObject({ ok: false, chipKeyCount: 20, expectedKeyCount: 20 });
      expect(check.actual).not.toBe(check.expected);
      expect(await profile.proveKey(session, 7, pool[7]!.key)).toBe(false);
      expect(await profile.proveKey(session, 8, pool[8]!.key)).toBe(true);
      chip.setFaults({ lieAboutKey: undefined });
      expect((await profile.checkPool(session, pool)).ok).toBe(true);
    });

    it('alreadyLocked reports LOCKED and refuses PUT KEYS and LOCK', async () => {
      const chip = testChip(provider, { faults: { alreadyLocked: true } });
      expect((await profile.identify(recordingTransport(chip, false))).lifecycle).toBe('locked');
      const { session } = await opened(chip);
      await expect(profile.putKeys(session, randomPool(1))).rejects.toMatchObject({
        code: 'WRONG_LIFECYCLE',
      });
      await expect(profile.lock(session)).rejects.toMatchObject({ code: 'WRONG_LIFECYCLE' });
    });

    it('keeps slots, lifecycle and retry counter in its state file across restarts', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'reference-chip-'));
      folders.push(folder);
      const stateFile = join(folder, 'chip.json');
      const pool = randomPool(20);
      const first = testChip(provider, { stateFile });
      const { session } = await opened(first);
      await profile.putKeys(session, pool);
      await profile.lock(session);

      const restarted = testChip(provider, { stateFile, personalisation: { kmc: new Uint8Array(16) } });
      expect(restarted.state()).toMatchObject({ lifecycle: 'locked', filledSlots: 20, authRetriesLeft: 10 });
      const after = await opened(restarted);
      expect((await profile.checkPool(after.session, pool)).ok).toBe(true);

      expect(() => testChip(provider, { stateFile, serial: '5153000000000099' })).toThrow(
        'belongs to chip 5153000000000042',
      );
      writeFileSync(stateFile, '{"format":"qkfs-reference-chip/1"}');
      expect(() => testChip(provider, { stateFile })).toThrow('is not valid');
    });

    it('answers commands out of place with the status words of the spec', async () => {
      const chip = testChip(provider);
      const transport = recordingTransport(chip, false);
      const sw = async (cla: number, ins: number, p1 = 0, p2 = 0, data?: Uint8Array) =>
        parseResponseApdu(
          await transport.transmit(encodeCommandApdu({ cla, ins, p1, p2, data, ne: 256 })),
          'X',
        ).sw;
      expect(await sw(0x80, Ins.getData, 0xdf, 0x01)).toBe(0x6986);
      expect(await sw(0x00, 0xa4, 0x04, 0x00, hexToBytes('a000000151000000'))).toBe(0x6a82);
      expect(await sw(0x00, 0xa4, 0x04, 0x00, REFERENCE_AID)).toBe(0x9000);
      expect(await sw(0x80, Ins.putKeys, 0, 0, new Uint8Array(16))).toBe(0x6982);
      expect(await sw(0x84, Ins.lock)).toBe(0x6982);
      expect(await sw(0x84, Ins.externalAuthenticate, 0x33, 0, new Uint8Array(16))).toBe(0x6982);
      expect(await sw(0x80, 0x44)).toBe(0x6d00);
      expect(await sw(0x90, Ins.getData)).toBe(0x6e00);
      expect(await sw(0x80, Ins.initializeUpdate, 0x31, 0, new Uint8Array(8))).toBe(0x6a88);
      expect(await sw(0x80, Ins.initializeUpdate, 0x30, 0, new Uint8Array(8))).toBe(0x9000);
      expect(await sw(0x84, Ins.externalAuthenticate, 0x13, 0, new Uint8Array(16))).toBe(0x6a86);
      expect(chip.state().authRetriesLeft).toBe(10);
      expect(bytesToHex(await chip.process(hexToBytes('8030000005aa')))).toBe('6700');
    });
  },
);
