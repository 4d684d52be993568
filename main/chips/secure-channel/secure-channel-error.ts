// The error of the secure channel's own checks: the chip could not prove it holds the static keys
// (wrong card cryptogram), answered for another chip or key set, or a response failed its R-MAC or
// R-ENC check (the session is closed and its keys zeroised before this is thrown).

export type SecureChannelFailure =
  | 'CARD_CRYPTOGRAM_MISMATCH'
  | 'DIVERSIFICATION_DATA_MISMATCH'
  | 'UNSUPPORTED_PARAMETERS'
  | 'R_MAC_MISMATCH'
  | 'RESPONSE_DECRYPTION_FAILED'
  | 'SESSION_CLOSED';

const MESSAGES: Record<SecureChannelFailure, string> = {
  CARD_CRYPTOGRAM_MISMATCH: 'the chip does not hold the static keys diversified for its serial',
  DIVERSIFICATION_DATA_MISMATCH: 'INITIALIZE UPDATE names another chip or diversification method',
  UNSUPPORTED_PARAMETERS: 'the chip does not offer SCP03 with R-MAC and R-ENC',
  R_MAC_MISMATCH: 'a response failed its R-MAC check',
  RESPONSE_DECRYPTION_FAILED: 'a response failed R-ENC decryption or padding',
  SESSION_CLOSED: 'the secure channel session is closed',
};

export class SecureChannelError extends Error {
  override readonly name = 'SecureChannelError';
  constructor(readonly code: SecureChannelFailure) {
    super(`Secure channel: ${MESSAGES[code]}`);
  }
}
