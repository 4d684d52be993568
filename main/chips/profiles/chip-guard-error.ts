// The station's own refusals to go on with a chip, before any risky command is sent: too few
// authentication tries left (the chip would be one bad day from blocking), or a chip that is not
// the one the keys were derived for (swapped between identify and open).

export type ChipGuardFailure = 'AUTH_RETRIES_LOW' | 'SERIAL_MISMATCH';

export class ChipGuardError extends Error {
  override readonly name = 'ChipGuardError';
  constructor(
    readonly code: ChipGuardFailure,
    detail: string,
  ) {
    super(`Chip refused by the station: ${detail}`);
  }
}
