// main/entropy/entropy-source.ts
// The interface every QRNG driver implements (Quantis USB, stream devices, network QRNG, simulation);
// the key pool reads raw device output through it and nothing else.
export type EntropySourceKind = 'quantis-usb' | 'stream' | 'network' | 'simulation';
export type EntropySourceState = 'closed' | 'opening' | 'ready' | 'failed';
export interface EntropySourceStatus {
  readonly kind: EntropySourceKind;
  readonly name: string;
  readonly state: EntropySourceState;
  readonly detail: string | null;
  readonly simulated: boolean;
  readonly bytesRead: number;
}
export type EntropySourceEvent =
  | { readonly type: 'state'; readonly status: EntropySourceStatus }
  | { readonly type: 'error'; readonly message: string };
export interface EntropySource {
  readonly kind: EntropySourceKind;
  readonly simulated: boolean;
  open(): Promise<void>;
  /** Exactly n bytes of raw device output, or a rejection naming the device problem. */
  read(n: number): Promise<Uint8Array>;
  status(): EntropySourceStatus;
  /** Measured rate in bytes per second over the recent reads (0 before any read). */
  rate(): number;
  close(): Promise<void>;
  on(listener: (event: EntropySourceEvent) => void): () => void;
}
