// Card side of SCP03-SM4 for the emulated reference chip: answers INITIALIZE UPDATE, checks
// EXTERNAL AUTHENTICATE (host cryptogram and C-MAC), then unwraps each protected command (C-MAC,
// C-DECRYPTION) and wraps each answer (R-ENCRYPTION, R-MAC). Any failed check closes the session
// and zeroises its keys, as GlobalPlatform requires.
import { concatBytes } from '../../../main/crypto/bytes';
import type { CryptoProvider } from '../../../main/crypto/provider';
import type { DecodedCommandApdu } from '../../../main/chips/apdu/command-apdu';
import { encodeResponseApdu } from '../../../main/chips/apdu/response-apdu';
import {
  CHAINING_VALUE_BYTES,
  commandMac,
  decryptCommandData,
  encryptResponseData,
  isProtectedStatus,
  lcField,
  MAC_BYTES,
  responseMac,
  sameBytes,
} from '../../../main/chips/secure-channel/secure-messaging';
import {
  cardCryptogram,
  CHALLENGE_BYTES,
  CRYPTOGRAM_BYTES,
  deriveSessionKeys,
  hostCryptogram,
  sessionContext,
  type SessionKeys,
  zeroiseSessionKeys,
} from '../../../main/chips/secure-channel/session-keys';
import { SCP03_ID } from '../../../main/chips/secure-channel/scp03-session';
import type { StaticKeys } from '../../../main/chips/secure-channel/static-keys';

export type ChannelState = 'none' | 'initialized' | 'open';

export interface PlainCommand {
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
}

export interface KeyInformation {
  readonly keyVersion: number;
  readonly scpParameter: number;
}

export class CardSecureChannel {
  private keys: SessionKeys | undefined;
  private context: Uint8Array | undefined;
  private chain: Uint8Array | undefined;
  private counter = 0;

  constructor(
    private readonly provider: CryptoProvider,
    private readonly random: (length: number) => Uint8Array,
  ) {}

  get state(): ChannelState {
    if (this.keys === undefined) return 'none';
    return this.chain === undefined ? 'initialized' : 'open';
  }

  reset(): void {
    if (this.keys !== undefined) zeroiseSessionKeys(this.keys);
    this.chain?.fill(0);
    this.keys = undefined;
    this.context = undefined;
    this.chain = undefined;
    this.counter = 0;
  }

  /** INITIALIZE UPDATE response: diversification data || key information || card challenge || card cryptogram. */
  initializeUpdate(
    staticKeys: StaticKeys,
    hostChallenge: Uint8Array,
    diversificationData: Uint8Array,
    info: KeyInformation,
  ): Uint8Array {
    this.reset();
    const cardChallenge = this.random(CHALLENGE_BYTES);
    this.context = sessionContext(hostChallenge, cardChallenge);
    this.keys = deriveSessionKeys(this.provider, staticKeys, this.context);
    return concatBytes(
      diversificationData,
      Uint8Array.of(info.keyVersion, SCP03_ID, info.scpParameter),
      cardChallenge,
      cardCryptogram(this.provider, this.keys.sMac, this.context),
    );
  }

  /** True opens the session; false (wrong host cryptogram or C-MAC) closes the pending one. */
  externalAuthenticate(command: DecodedCommandApdu): boolean {
    const { keys, context } = this;
    if (keys === undefined || context === undefined || this.chain !== undefined) return false;
    const body = command.data.subarray(0, CRYPTOGRAM_BYTES);
    const mac = commandMac(
      this.provider,
      keys.sMac,
      new Uint8Array(CHAINING_VALUE_BYTES),
      command,
      lcField(command.data.length, command.extended),
      body,
    );
    const ok =
      command.data.length === CRYPTOGRAM_BYTES + MAC_BYTES &&
      sameBytes(mac.subarray(0, MAC_BYTES), command.data.subarray(CRYPTOGRAM_BYTES)) &&
      sameBytes(body, hostCryptogram(this.provider, keys.sMac, context));
    if (!ok) {
      this.reset();
      return false;
    }
    this.chain = mac;
    return true;
  }

  /** The plain command inside a protected one; undefined (and the session closed) when a check fails. */
  unwrap(command: DecodedCommandApdu): PlainCommand | undefined {
    const { keys, chain } = this;
    if (keys === undefined || chain === undefined || command.data.length < MAC_BYTES) {
      this.reset();
      return undefined;
    }
    const body = command.data.subarray(0, command.data.length - MAC_BYTES);
    const mac = commandMac(
      this.provider,
      keys.sMac,
      chain,
      command,
      lcField(command.data.length, command.extended),
      body,
    );
    if (!sameBytes(mac.subarray(0, MAC_BYTES), command.data.subarray(body.length))) {
      this.reset();
      return undefined;
    }
    chain.set(mac);
    this.counter += 1;
    const data = decryptCommandData(this.provider, keys.sEnc, this.counter, body);
    if (data === undefined) {
      this.reset();
      return undefined;
    }
    return { ins: command.ins, p1: command.p1, p2: command.p2, data };
  }

  /** The protected answer: error statuses bare, otherwise R-ENC data || R-MAC || SW. */
  wrap(data: Uint8Array, sw: number, corruptMac: boolean): Uint8Array {
    const { keys, chain } = this;
    if (!isProtectedStatus(sw) || keys === undefined || chain === undefined) {
      return encodeResponseApdu(new Uint8Array(0), sw);
    }
    const encrypted = encryptResponseData(this.provider, keys.sEnc, this.counter, data);
    const mac = responseMac(this.provider, keys.sRmac, chain, encrypted, sw);
    if (corruptMac) mac[MAC_BYTES - 1] = (mac[MAC_BYTES - 1] ?? 0) ^ 0x01;
    return encodeResponseApdu(concatBytes(encrypted, mac), sw);
  }
}
