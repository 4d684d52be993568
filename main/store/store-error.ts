// Why the store refused to open, in words an operator can act on.
export type StoreRefusal = 'newer-schema' | 'corrupt' | 'not-a-database' | 'unavailable';

export class StoreError extends Error {
  readonly reason: StoreRefusal;
  constructor(reason: StoreRefusal, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.reason = reason;
  }
}
