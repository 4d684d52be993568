// The shape of window.station that the Electron preload exposes to the renderer.
export interface ElectronBridge {
  /** One function per contract method name; each resolves to a CallResult (never rejects by design). */
  readonly methods: Readonly<Record<string, (input: unknown) => Promise<unknown>>>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}
