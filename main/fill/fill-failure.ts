// Why a fill stopped: one table from whatever a step threw (transport, chip status word, secure
// channel, guard, entropy) to the FillFailureCode the operator sees, plus a detail for the log and
// the journal. Details name commands and status words, never key bytes.
import type { FillFailureCode } from '../../shared/fill';
import { ChipProtocolError } from '../chips/apdu/chip-protocol-error';
import { ChipStatusError } from '../chips/apdu/status-words';
import { ChipGuardError } from '../chips/profiles/chip-guard-error';
import { SecureChannelError } from '../chips/secure-channel/secure-channel-error';
import { ChipTransportError } from '../chips/transport/transport-error';
import { EntropyUnavailableError } from '../entropy/pool/entropy-unavailable-error';

/** A failure the fill engine decided itself (a refused chip, a mismatch it measured). */
export class FillRefusal extends Error {
  override readonly name = 'FillRefusal';
  constructor(
    readonly code: FillFailureCode,
    detail: string,
  ) {
    super(detail);
  }
}

export interface FillFailure {
  readonly code: FillFailureCode;
  readonly detail: string;
}

export function fillFailureOf(error: unknown): FillFailure {
  if (error instanceof FillRefusal) return { code: error.code, detail: error.message };
  if (error instanceof ChipTransportError) {
    const code: FillFailureCode =
      error.code === 'CARD_REMOVED' || error.code === 'NO_CARD' ? 'CARD_REMOVED' : 'READER_ERROR';
    return { code, detail: `${error.code}: ${error.message}` };
  }
  if (error instanceof ChipStatusError) {
    const code: FillFailureCode =
      error.code === 'MEMORY_FULL'
        ? 'CHIP_MEMORY_FULL'
        : error.code === 'AUTH_BLOCKED'
          ? 'AUTH_RETRIES_LOW'
          : error.code === 'AUTH_FAILED' || error.code === 'SECURITY_STATUS'
            ? 'SECURE_CHANNEL_FAILED'
            : error.code === 'WRONG_LIFECYCLE'
              ? 'CHIP_LOCKED'
              : 'CHIP_ERROR';
    return { code, detail: `${error.code}: ${error.message}` };
  }
  if (error instanceof SecureChannelError) return { code: 'SECURE_CHANNEL_FAILED', detail: error.message };
  if (error instanceof ChipGuardError) {
    return {
      code: error.code === 'AUTH_RETRIES_LOW' ? 'AUTH_RETRIES_LOW' : 'SECURE_CHANNEL_FAILED',
      detail: error.message,
    };
  }
  if (error instanceof ChipProtocolError) return { code: 'CHIP_ERROR', detail: error.message };
  if (error instanceof EntropyUnavailableError) {
    return { code: 'ENTROPY_UNAVAILABLE', detail: `${error.reason}: ${error.message}` };
  }
  return { code: 'INTERNAL', detail: error instanceof Error ? error.name : 'unknown error' };
}
