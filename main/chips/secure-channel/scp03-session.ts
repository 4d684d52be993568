// Host side of SCP03 with SM4 (GlobalPlatform Amendment D, SM4 and SM4-CMAC in place of AES and
// AES-CMAC): openScp03Session runs INITIALIZE UPDATE and EXTERNAL AUTHENTICATE at security level
// 0x33, and the resulting Scp03Session is a one-method decorator over the card's transport that
// wraps each command (C-DECRYPTION, C-MAC) and unwraps each response (R-MAC, R-ENCRYPTION).
import { randomBytes } from 'node:crypto';
import { concatBytes } from '../../crypto/bytes';
import { SM4_BLOCK_BYTES } from '../../crypto/input-checks';
import type { CryptoProvider } from '../../crypto/provider';
import { ChipProtocolError } from '../apdu/chip-protocol-error';
import {
  decodeCommandApdu,
  encodeCommandApdu,
  EXTENDED_MAX_DATA,
  EXTENDED_MAX_NE,
  SHORT_MAX_DATA,
  SHORT_MAX_NE,
} from '../apdu/command-apdu';
import { encodeResponseApdu, parseResponseApdu, requireDataLength } from '../apdu/response-apdu';
import { requireSuccess } from '../apdu/status-words';
import type { ApduTransport } from '../transport/transport';
import { SecureChannelError } from './secure-channel-error';
import {
  CHAINING_VALUE_BYTES,
  CLA_SECURE_MESSAGING,
  commandMac,
  decryptResponseData,
  encryptCommandData,
  encryptedLength,
  FULL_SECURITY_LEVEL,
  isProtectedStatus,
  lcField,
  MAC_BYTES,
  responseMac,
  sameBytes,
  ScpParameter,
} from './secure-messaging';
import type { SecureSession } from './secure-session';
import {
  cardCryptogram,
  CHALLENGE_BYTES,
  CRYPTOGRAM_BYTES,
  deriveSessionKeys,
  hostCryptogram,
  sessionContext,
  type SessionKeys,
  zeroiseSessionKeys,
} from './session-keys';
import type { StaticKeys } from './static-keys';

export const INS_INITIALIZE_UPDATE = 0x50;
export const INS_EXTERNAL_AUTHENTICATE = 0x82;
export const SCP03_ID = 0x03;
const DIVERSIFICATION_DATA_BYTES = 10;
/** key diversification data (10) || key information (3) || card challenge (8) || card cryptogram (8) */
const INITIALIZE_UPDATE_RESPONSE_BYTES = DIVERSIFICATION_DATA_BYTES + 3 + CHALLENGE_BYTES + CRYPTOGRAM_BYTES;

export interface OpenScp03Options {
  readonly provider: CryptoProvider;
  readonly staticKeys: StaticKeys;
  /** The 10 bytes the chip must return as key diversification data (names the chip and method). */
  readonly diversificationData: Uint8Array;
  /** INITIALIZE UPDATE P1; 0 selects the chip's current key set. */
  readonly keyVersion?: number;
  /** Largest wrapped command data field the chip accepts (its FCI says); the transport's limit also applies. */
  readonly chipMaxCommandData?: number;
  /** Host challenge source; node:crypto randomBytes unless a test pins it. */
  readonly random?: (length: number) => Uint8Array;
}

const defaultRandom = (length: number): Uint8Array => new Uint8Array(randomBytes(length));

/** Opens an SCP03-SM4 session at security level 0x33 over an applet that is already selected. */
export async function openScp03Session(
  transport: ApduTransport,
  options: OpenScp03Options,
): Promise<Scp03Session> {
  const { provider, staticKeys } = options;
  const hostChallenge = (options.random ?? defaultRandom)(CHALLENGE_BYTES);
  const initializeUpdate = encodeCommandApdu({
    cla: 0x80,
    ins: INS_INITIALIZE_UPDATE,
    p1: options.keyVersion ?? 0,
    p2: 0,
    data: hostChallenge,
    ne: SHORT_MAX_NE,
  });
  const command = 'INITIALIZE UPDATE';
  const response = requireDataLength(
    requireSuccess(await transport.transmit(initializeUpdate), command),
    INITIALIZE_UPDATE_RESPONSE_BYTES,
    command,
  );
  const diversificationData = response.subarray(0, DIVERSIFICATION_DATA_BYTES);
  const [keyVersion = 0, scpId, parameter = 0] = response.subarray(DIVERSIFICATION_DATA_BYTES, 13);
  const cardChallenge = response.slice(13, 13 + CHALLENGE_BYTES);
  const cryptogram = response.subarray(13 + CHALLENGE_BYTES);
  if (scpId !== SCP03_ID) throw new SecureChannelError('UNSUPPORTED_PARAMETERS');
  const rBits = ScpParameter.rMac | ScpParameter.rEncryption;
  if ((parameter & rBits) !== rBits) throw new SecureChannelError('UNSUPPORTED_PARAMETERS');
  if (!sameBytes(diversificationData, options.diversificationData)) {
    throw new SecureChannelError('DIVERSIFICATION_DATA_MISMATCH');
  }

  const context = sessionContext(hostChallenge, cardChallenge);
  const keys = deriveSessionKeys(provider, staticKeys, context);
  if (!sameBytes(cryptogram, cardCryptogram(provider, keys.sMac, context))) {
    zeroiseSessionKeys(keys);
    throw new SecureChannelError('CARD_CRYPTOGRAM_MISMATCH');
  }

  const header = {
    cla: 0x80 | CLA_SECURE_MESSAGING,
    ins: INS_EXTERNAL_AUTHENTICATE,
    p1: FULL_SECURITY_LEVEL,
    p2: 0,
  };
  const body = hostCryptogram(provider, keys.sMac, context);
  const lc = lcField(CRYPTOGRAM_BYTES + MAC_BYTES, false);
  const chain = commandMac(provider, keys.sMac, new Uint8Array(CHAINING_VALUE_BYTES), header, lc, body);
  const externalAuthenticate = encodeCommandApdu({
    ...header,
    data: concatBytes(body, chain.subarray(0, MAC_BYTES)),
  });
  try {
    const authenticated = requireSuccess(
      await transport.transmit(externalAuthenticate),
      'EXTERNAL AUTHENTICATE',
    );
    requireDataLength(authenticated, 0, 'EXTERNAL AUTHENTICATE');
  } catch (error) {
    zeroiseSessionKeys(keys);
    throw error;
  }
  const limit = Math.min(
    transport.extendedLength ? EXTENDED_MAX_DATA : SHORT_MAX_DATA,
    options.chipMaxCommandData ?? EXTENDED_MAX_DATA,
  );
  return new Scp03Session(transport, provider, keys, staticKeys.dek.slice(), chain, limit, keyVersion);
}

/** An authenticated SCP03-SM4 session at security level 0x33 (C-MAC, C-DEC, R-MAC, R-ENC). */
export class Scp03Session implements SecureSession {
  private counter = 0;
  private isClosed = false;

  constructor(
    private readonly inner: ApduTransport,
    private readonly provider: CryptoProvider,
    private readonly keys: SessionKeys,
    private readonly dek: Uint8Array,
    private readonly chain: Uint8Array,
    /** Largest wrapped command data field (encrypted data + C-MAC) one APDU may carry. */
    private readonly wrappedLimit: number,
    /** Key version number of the static keys the chip used. */
    readonly keyVersion: number,
  ) {}

  get extendedLength(): boolean {
    return this.inner.extendedLength;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get maxCommandData(): number {
    return Math.floor((this.wrappedLimit - MAC_BYTES) / SM4_BLOCK_BYTES) * SM4_BLOCK_BYTES - 1;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (this.isClosed) throw new SecureChannelError('SESSION_CLOSED');
    const plain = decodeCommandApdu(command);
    if (plain === undefined) throw new RangeError('secure channel: not a well-formed command APDU');
    if ((plain.cla & 0x03) !== 0 || (plain.cla & CLA_SECURE_MESSAGING) !== 0 || (plain.cla & 0x40) !== 0) {
      throw new RangeError('secure channel: CLA must be an unprotected class on the basic logical channel');
    }
    const wrappedLength = encryptedLength(plain.data.length) + MAC_BYTES;
    if (wrappedLength > this.wrappedLimit) {
      throw new RangeError(
        `secure channel: ${plain.data.length} data bytes exceed the ${this.maxCommandData} one APDU can carry`,
      );
    }
    const name = `secure command INS ${plain.ins.toString(16).toUpperCase().padStart(2, '0')}`;
    this.counter += 1;
    const body = encryptCommandData(this.provider, this.keys.sEnc, this.counter, plain.data);
    plain.data.fill(0);
    const extended = wrappedLength > SHORT_MAX_DATA;
    const header = { cla: plain.cla | CLA_SECURE_MESSAGING, ins: plain.ins, p1: plain.p1, p2: plain.p2 };
    this.chain.set(
      commandMac(this.provider, this.keys.sMac, this.chain, header, lcField(wrappedLength, extended), body),
    );
    const wrapped = encodeCommandApdu(
      {
        ...header,
        data: concatBytes(body, this.chain.subarray(0, MAC_BYTES)),
        ne: extended ? EXTENDED_MAX_NE : SHORT_MAX_NE,
      },
      { extended },
    );
    let raw: Uint8Array;
    try {
      raw = await this.inner.transmit(wrapped);
    } catch (error) {
      this.close();
      throw error;
    }
    return this.unwrap(raw, name);
  }

  encryptKeyData(keys: Uint8Array): Uint8Array {
    if (this.isClosed) throw new SecureChannelError('SESSION_CLOSED');
    return this.provider.sm4EncryptEcb(this.dek, keys);
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    zeroiseSessionKeys(this.keys);
    this.dek.fill(0);
    this.chain.fill(0);
  }

  private unwrap(raw: Uint8Array, name: string): Uint8Array {
    try {
      const { data, sw } = parseResponseApdu(raw, name);
      if (!isProtectedStatus(sw)) {
        if (data.length !== 0)
          throw new ChipProtocolError(name, `error status with ${data.length} data bytes`);
        if (sw === 0x6982) this.close();
        return encodeResponseApdu(data, sw);
      }
      if (data.length < MAC_BYTES)
        throw new ChipProtocolError(name, `response of ${data.length} bytes has no R-MAC`);
      const protectedData = data.subarray(0, data.length - MAC_BYTES);
      const expected = responseMac(this.provider, this.keys.sRmac, this.chain, protectedData, sw);
      if (!sameBytes(expected, data.subarray(data.length - MAC_BYTES)))
        throw new SecureChannelError('R_MAC_MISMATCH');
      const plain = decryptResponseData(this.provider, this.keys.sEnc, this.counter, protectedData);
      if (plain === undefined) throw new SecureChannelError('RESPONSE_DECRYPTION_FAILED');
      return encodeResponseApdu(plain, sw);
    } catch (error) {
      this.close();
      throw error;
    }
  }
}
