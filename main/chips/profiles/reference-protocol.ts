// Constants of the reference chip's applet protocol (docs/chip-protocol.md): AID, ATR, classes and
// instructions, GET DATA tags, lifecycle codes, sizes and labels. Shared by the host profile and the
// emulator in sim/chip/applet so both speak from one list.
import { hexToBytes } from '../../crypto/bytes';
import { INS_EXTERNAL_AUTHENTICATE, INS_INITIALIZE_UPDATE } from '../secure-channel/scp03-session';

/** RID F0 51 4B 46 53 ("QKFS" under the proprietary F category), PIX 01 (key store) 00 01 (version 1). */
export const REFERENCE_AID = hexToBytes('f0514b4653010001');

/**
 * 3B 88 80 01 | "QKFS-REF" | TCK: direct convention, TD1 = T=0 with TD2, TD2 = T=1, eight
 * historical bytes (proprietary category), TCK = XOR of T0..the last historical byte.
 */
export const REFERENCE_CHIP_ATR = hexToBytes('3b888001514b46532d5245467a');
/** The historical bytes the reference profile recognises a chip by ("QKFS"). */
export const REFERENCE_HISTORICAL_PREFIX = hexToBytes('514b4653');

export const CLA_ISO = 0x00;
export const CLA_PROPRIETARY = 0x80;

export const Ins = {
  select: 0xa4,
  getData: 0xca,
  initializeUpdate: INS_INITIALIZE_UPDATE,
  externalAuthenticate: INS_EXTERNAL_AUTHENTICATE,
  putKeys: 0x30,
  checkPool: 0x32,
  proveKey: 0x34,
  lock: 0x36,
} as const;

/** GET DATA tags (P1 P2). */
export const Tag = {
  serial: 0xdf01,
  lifecycle: 0xdf02,
  capacity: 0xdf03,
  freeSlots: 0xdf04,
  authRetries: 0xdf05,
  /** Constructed: the five above in this order, one GET DATA for identify. */
  chipStatus: 0xff10,
} as const;

export const LifecycleCode = { blank: 0x01, filled: 0x02, locked: 0x03 } as const;

/** Key version number of the reference chip's static key set. */
export const REFERENCE_KEY_VERSION = 0x30;
/** SCP03 "i": random card challenge, R-MAC and R-ENC supported. */
export const REFERENCE_SCP_PARAMETER = 0x60;
/** Byte 9 of the key diversification data: static keys diversified as QKFS-KMC-v1. */
export const DIVERSIFICATION_METHOD_V1 = 0x01;
export const APPLET_PROTOCOL_VERSION = 0x01;
export const MAX_AUTH_RETRIES = 10;
export const VERIFY_CHALLENGE_BYTES = 16;
/** Slot indices are 16-bit (P1 P2 of PUT KEYS and PROVE KEY). */
export const MAX_SLOT_INDEX = 0xffff;

export const POOL_SECRET_LABEL = new TextEncoder().encode('QKFS-POOL-v1');
export const POOL_DIGEST_LABEL = new TextEncoder().encode('QKFS-POOL-ID-v1');
export const KEY_PROOF_LABEL = new TextEncoder().encode('QKFS-PROVE-v1');
