// Emulated readers without pcscd: a ReaderService whose slots hold CardBehaviours directly (the
// demo line when no PC/SC stack is present, and tests of the fill line's logic). Inserting or
// removing a card raises the same events a real reader service does; a connection carries APDUs
// through inProcessTransport, and a card pulled mid-command fails it with CARD_REMOVED.
import { ChipTransportError } from '../../main/chips/transport/transport-error';
import type {
  CardConnection,
  CardPresence,
  ReaderEvent,
  ReaderService,
} from '../../main/chips/transport/transport';
import type { CardBehaviour } from './card-behaviour';
import { inProcessTransport } from './in-process-transport';

interface Slot {
  readonly name: string;
  card: CardBehaviour | null;
  connected: boolean;
}

export class InProcessReaders implements ReaderService {
  readonly #slots: Slot[];
  readonly #listeners = new Set<(event: ReaderEvent) => void>();

  constructor(names: readonly string[]) {
    this.#slots = names.map((name) => ({ name, card: null, connected: false }));
  }

  readers(): readonly string[] {
    return this.#slots.map((s) => s.name);
  }

  cards(): readonly CardPresence[] {
    return this.#slots.flatMap((s) => (s.card ? [{ reader: s.name, atr: s.card.atr() }] : []));
  }

  /** The card now in a slot (null when empty). */
  card(slot: number): CardBehaviour | null {
    return this.#slots[slot]?.card ?? null;
  }

  insert(slot: number, card: CardBehaviour): void {
    const s = this.#slot(slot);
    if (s.card) this.remove(slot);
    s.card = card;
    card.reset();
    this.#emit({ type: 'card-inserted', reader: s.name, atr: card.atr() });
  }

  remove(slot: number): void {
    const s = this.#slot(slot);
    if (!s.card) return;
    s.card.powerOff();
    s.card = null;
    this.#emit({ type: 'card-removed', reader: s.name });
  }

  connect(reader: string): Promise<CardConnection> {
    const slot = this.#slots.find((s) => s.name === reader);
    if (!slot)
      return Promise.reject(new ChipTransportError('NO_READER', `no reader named "${reader}"`, reader));
    const card = slot.card;
    if (!card) return Promise.reject(new ChipTransportError('NO_CARD', `no card in ${reader}`, reader));
    if (slot.connected) {
      return Promise.reject(new ChipTransportError('CARD_BUSY', `${reader} is already connected`, reader));
    }
    slot.connected = true;
    card.reset();
    const transport = inProcessTransport(card, { extendedLength: true, reader });
    const connection: CardConnection = {
      reader,
      atr: card.atr(),
      protocol: 'T=1',
      extendedLength: true,
      transmit: (command) => {
        if (slot.card !== card) {
          return Promise.reject(new ChipTransportError('CARD_REMOVED', 'card removed', reader));
        }
        return transport.transmit(command);
      },
      reset: () => {
        card.reset();
        return Promise.resolve(card.atr());
      },
      disconnect: () => {
        slot.connected = false;
        if (slot.card === card) card.reset();
        return Promise.resolve();
      },
    };
    return Promise.resolve(connection);
  }

  on(listener: (event: ReaderEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): Promise<void> {
    this.#listeners.clear();
    return Promise.resolve();
  }

  #slot(index: number): Slot {
    const slot = this.#slots[index];
    if (!slot) throw new RangeError(`no slot ${index}`);
    return slot;
  }

  #emit(event: ReaderEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}
