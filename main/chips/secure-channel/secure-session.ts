// What a chip profile gets back from opening its secure channel: a transport that protects every
// command it carries, plus the two things key loading needs beyond that. The reference profile's
// implementation is Scp03Session; a vendor profile may bring its own.
import type { ApduTransport } from '../transport/transport';

export interface SecureSession extends ApduTransport {
  /** Largest plain command data field one protected APDU can carry on this transport and chip. */
  readonly maxCommandData: number;
  readonly closed: boolean;
  /** Encrypts whole 16-byte key blocks under the session's data-encryption key (SM4-ECB, K-DEK). */
  encryptKeyData(keys: Uint8Array): Uint8Array;
  /** Zeroises the session keys; later transmits throw SecureChannelError SESSION_CLOSED. */
  close(): void;
}
