// Shared setup of the chip tests: an emulated reference chip personalised from a test KMC, the
// station's reference profile, a transport that records what crosses it, and random key pools.
import { randomBytes } from 'node:crypto';
import {
  createReferenceChip,
  type ReferenceChip,
  type ReferenceChipOptions,
} from '../../../sim/chip/applet/reference-chip';
import { inProcessTransport } from '../../../sim/chip/in-process-transport';
import { hexToBytes } from '../../crypto/bytes';
import type { CryptoProvider } from '../../crypto/provider';
import type { PoolKey } from '../profiles/chip-profile';
import type { ApduTransport } from '../transport/transport';

export const TEST_KMC = hexToBytes('00112233445566778899aabbccddeeff');
export const TEST_SERIAL = '5153000000000042';

export function testChip(
  provider: CryptoProvider,
  options: Partial<ReferenceChipOptions> = {},
): ReferenceChip {
  return createReferenceChip({
    provider,
    serial: TEST_SERIAL,
    personalisation: { kmc: TEST_KMC },
    ...options,
  });
}

export function randomPool(size: number, firstIndex = 0): PoolKey[] {
  return Array.from({ length: size }, (_, i) => ({
    index: firstIndex + i,
    key: new Uint8Array(randomBytes(16)),
  }));
}

/** What a promise rejected with (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

export interface RecordingTransport extends ApduTransport {
  /** Every command sent, as sent. */
  readonly commands: Uint8Array[];
  bytesSent(ins?: number): number;
  /** Replaces each command before it goes to the card (to tamper with it). */
  tamper: ((command: Uint8Array) => Uint8Array) | undefined;
}

export function recordingTransport(chip: ReferenceChip, extendedLength: boolean): RecordingTransport {
  const inner = inProcessTransport(chip, { extendedLength });
  const commands: Uint8Array[] = [];
  const transport: RecordingTransport = {
    extendedLength,
    commands,
    tamper: undefined,
    bytesSent: (ins) =>
      commands.filter((c) => ins === undefined || c[1] === ins).reduce((sum, c) => sum + c.length, 0),
    async transmit(command) {
      const sent = transport.tamper?.(command.slice()) ?? command.slice();
      commands.push(sent);
      return inner.transmit(sent);
    },
  };
  return transport;
}
