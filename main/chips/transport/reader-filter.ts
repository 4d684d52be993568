// A ReaderService that shows only some readers of another: their names, their cards, their events
// and connections to them; every other reader stays invisible and untouched (the headless fill
// restricts its line to the readers named on its command line). Closing it closes the service.
import { ChipTransportError } from './transport-error';
import type { CardConnection, CardPresence, ReaderEvent, ReaderService } from './transport';

export class ReaderFilter implements ReaderService {
  readonly #names: ReadonlySet<string>;

  constructor(
    private readonly inner: ReaderService,
    names: Iterable<string>,
  ) {
    this.#names = new Set(names);
  }

  /** The named readers the service does not report now. */
  missing(): string[] {
    const present = new Set(this.inner.readers());
    return [...this.#names].filter((name) => !present.has(name));
  }

  readers(): readonly string[] {
    return this.inner.readers().filter((name) => this.#names.has(name));
  }

  cards(): readonly CardPresence[] {
    return this.inner.cards().filter((card) => this.#names.has(card.reader));
  }

  connect(reader: string): Promise<CardConnection> {
    if (!this.#names.has(reader)) {
      return Promise.reject(new ChipTransportError('NO_READER', `no reader named "${reader}"`, reader));
    }
    return this.inner.connect(reader);
  }

  on(listener: (event: ReaderEvent) => void): () => void {
    return this.inner.on((event) => {
      if (event.type === 'error' || this.#names.has(event.reader)) listener(event);
    });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
