// What an emulated smart card is, independent of how it is attached (vpcd socket to pcscd, WebUSB
// CCID device, or in-process for the demo line): power it, read its ATR, and process command APDUs.
// Emulators in sim/chip implement this once; each attachment speaks its real wire protocol around it.

export interface CardBehaviour {
  /** Answer-to-reset bytes (ISO 7816-3). */
  atr(): Uint8Array;
  /** Cold or warm reset: volatile state (selected applet, secure channel) is lost. */
  reset(): void;
  powerOff(): void;
  /** Processes one command APDU, resolving with response data || SW1 || SW2. */
  process(command: Uint8Array): Promise<Uint8Array>;
}
