// A CardConnection over a CCID reader: APDUs through XfrBlock, a reset as power off + power on
// (CCID has no warm reset), disconnect powers the card down (also after a timed-out exchange, whose
// late answer the reader then skips by its bSeq). A lost card, reader or closed service
// ends the connection; later calls fail with that reason.
import { commandShape, SHORT_COMMAND_MAX } from '../apdu-shape';
import { ChipTransportError, type ChipTransportErrorCode } from '../transport-error';
import type { CardConnection } from '../transport';
import type { CcidReader } from './ccid-reader';

export interface CcidConnectionHooks {
  /** A transmit found the card gone (the service reports the removal). */
  cardLost(connection: CcidCardConnection): void;
  /** True while this connection still owns the card in the reader. */
  holds(connection: CcidCardConnection): boolean;
  /** The connection ended by disconnect. */
  released(connection: CcidCardConnection): void;
}

export class CcidCardConnection implements CardConnection {
  readonly protocol = 'CCID';
  #ended: { readonly code: ChipTransportErrorCode; readonly message: string } | null = null;
  #atr: Uint8Array;

  constructor(
    private readonly ccid: CcidReader,
    atr: Uint8Array,
    readonly extendedLength: boolean,
    private readonly hooks: CcidConnectionHooks,
  ) {
    this.#atr = atr;
  }

  get reader(): string {
    return this.ccid.name;
  }

  get atr(): Uint8Array {
    return this.#atr;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    this.#assertOpen();
    const shape = commandShape(command);
    if ((shape.extended || command.length > SHORT_COMMAND_MAX) && !this.extendedLength) {
      throw new ChipTransportError(
        'PROTOCOL',
        `extended-length APDU on a connection without it`,
        this.reader,
      );
    }
    try {
      return await this.ccid.transmit(command);
    } catch (error) {
      throw this.#lost(error);
    }
  }

  async reset(): Promise<Uint8Array> {
    this.#assertOpen();
    try {
      await this.ccid.powerOff();
      this.#atr = await this.ccid.powerOn();
    } catch (error) {
      throw this.#lost(error);
    }
    return this.#atr;
  }

  async disconnect(): Promise<void> {
    if (this.#ended?.code === 'CLOSED') return;
    this.#ended = { code: 'CLOSED', message: 'connection closed' };
    if (!this.hooks.holds(this)) return;
    await this.ccid.powerOff().catch(() => undefined);
    this.hooks.released(this);
  }

  /** The service saw the card or reader go; `code` explains later calls. */
  end(code: ChipTransportErrorCode, message: string): void {
    if (this.#ended?.code === 'CLOSED') return;
    this.#ended = { code, message };
  }

  #assertOpen(): void {
    if (this.#ended) throw new ChipTransportError(this.#ended.code, this.#ended.message, this.reader);
  }

  #lost(error: unknown): unknown {
    if (error instanceof ChipTransportError) {
      if (error.code === 'CARD_REMOVED' || error.code === 'READER_GONE') {
        this.end(error.code, error.message);
        if (error.code === 'CARD_REMOVED') this.hooks.cardLost(this);
      }
      if (error.code === 'TIMEOUT') this.end('TIMEOUT', 'an earlier exchange timed out');
    }
    return error;
  }
}
