// Fault switches of the emulated reference chip, set at creation or at run time (setFaults), each
// copying a way real chips and readers fail during a fill:
// - slowMs: every answer is delayed (slow chip OS, long EEPROM writes)
// - removeDuringCommand: the card is pulled during the Nth such command (one shot); before its
//   effect by default (the chip's transaction rolls back), or after it with afterCommit
// - wrongMac: every R-MAC is corrupted (a chip or reader that garbles protected answers)
// - memoryFull: only this many slots are really writable while GET DATA still reports the nominal
//   capacity, so PUT KEYS beyond them answers 6A84
// - lieAboutKey: the slot with this index reads back a different key (its PROVE KEY answer and the
//   pool check are wrong), a chip that stored a key wrongly
// - alreadyLocked: the chip reports and behaves as LOCKED whatever its memory says

export type ReferenceCommand =
  | 'select'
  | 'getData'
  | 'initializeUpdate'
  | 'externalAuthenticate'
  | 'putKeys'
  | 'checkPool'
  | 'proveKey'
  | 'lock';

export interface RemoveDuringCommand {
  readonly command: ReferenceCommand;
  /** 1 = the next such command. */
  readonly occurrence: number;
  /** Pull the card after the command took effect (before its answer) instead of before. */
  readonly afterCommit?: boolean;
}

export interface ReferenceChipFaults {
  readonly slowMs: number;
  readonly removeDuringCommand: RemoveDuringCommand | undefined;
  readonly wrongMac: boolean;
  readonly memoryFull: number | undefined;
  readonly lieAboutKey: number | undefined;
  readonly alreadyLocked: boolean;
}

export const NO_FAULTS: ReferenceChipFaults = {
  slowMs: 0,
  removeDuringCommand: undefined,
  wrongMac: false,
  memoryFull: undefined,
  lieAboutKey: undefined,
  alreadyLocked: false,
};
