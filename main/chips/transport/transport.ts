// The one interface every chip transport implements (PC/SC through pcscd, raw USB CCID), and the
// decorators above it (GET RESPONSE / re-send, secure channel, redacting trace) implement too:
// one method, transmit a whole command APDU and get the whole response APDU (data || SW1 SW2).

/** A connected card in one reader slot. */
export interface ApduTransport {
  /** Sends one command APDU (ISO 7816-4 encoding) and resolves with response data || SW1 || SW2. */
  transmit(command: Uint8Array): Promise<Uint8Array>;
  /** True when the reader and card accept extended-length APDUs (Lc/Le above 255/256). */
  readonly extendedLength: boolean;
}

/** A card in a reader, as a transport reports it when it appears. */
export interface CardPresence {
  /** Reader name as the transport knows it (PC/SC reader name, or "usb:VID:PID:bus-port"). */
  readonly reader: string;
  readonly atr: Uint8Array;
}

export type ReaderEvent =
  | { readonly type: 'reader-added'; readonly reader: string }
  | { readonly type: 'reader-removed'; readonly reader: string }
  | { readonly type: 'card-inserted'; readonly reader: string; readonly atr: Uint8Array }
  | { readonly type: 'card-removed'; readonly reader: string }
  | { readonly type: 'error'; readonly message: string };

/** A source of readers and cards (pcscd, or USB CCID devices with allowed vendor/product IDs). */
export interface ReaderService {
  readers(): readonly string[];
  /** Cards present now; with readers(), the state a listener added after start() builds on. */
  cards(): readonly CardPresence[];
  /** Opens an exclusive connection to the card in `reader`; rejects with a ChipTransportError. */
  connect(reader: string): Promise<CardConnection>;
  on(listener: (event: ReaderEvent) => void): () => void;
  close(): Promise<void>;
}

export interface CardConnection extends ApduTransport {
  readonly reader: string;
  readonly atr: Uint8Array;
  readonly protocol: 'T=0' | 'T=1' | 'CCID';
  /** Warm reset; the card applet state is lost, the connection stays. */
  reset(): Promise<Uint8Array>;
  disconnect(): Promise<void>;
}
