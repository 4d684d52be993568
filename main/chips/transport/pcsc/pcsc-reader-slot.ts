// What the PC/SC reader service knows about one reader: its pcsclite CardReader, the card in it
// (ATR, pcscd's insertion counter), the connection this station holds, and waiters that want to
// hear about the next status change (a pulled card, an ATR arriving).
import type { PcscCardConnection, PcscSlotView } from './pcsc-card-connection';
import type { PcscLiteReader } from './pcsclite-binding';

export class ReaderSlot implements PcscSlotView {
  /** ATR of the card present, or null when the reader is empty (or its card is mute). */
  atr: Uint8Array | null = null;
  eventCount = 0;
  statusSeen = false;
  muteReported = false;
  gone = false;
  connecting = false;
  connection: PcscCardConnection | null = null;
  readonly #waiters = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly native: PcscLiteReader,
  ) {}

  currentAtr(): Uint8Array | null {
    return this.atr;
  }

  waitForRemoval(ms: number): Promise<boolean> {
    return this.waitFor(() => this.atr === null || this.gone, ms);
  }

  /** Resolves true as soon as `predicate` holds after a status change, false after `ms`. */
  waitFor(predicate: () => boolean, ms: number): Promise<boolean> {
    if (predicate()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (!predicate()) return;
        finish(true);
      };
      const finish = (result: boolean): void => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(result);
      };
      const timer = setTimeout(() => {
        finish(false);
      }, ms);
      this.#waiters.add(check);
    });
  }

  /** Called by the service after every change it applied to this slot. */
  changed(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  holds(connection: PcscCardConnection): boolean {
    return this.connection === connection;
  }

  release(connection: PcscCardConnection): void {
    if (this.connection === connection) this.connection = null;
  }
}
