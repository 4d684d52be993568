// The smallest attachment of an emulated card: an ApduTransport that calls the card's process()
// directly, for unit tests and the demo line. With extendedLength false it refuses extended APDUs
// as a short-only reader would, so callers prove their chunking. A card pulled mid-command
// (CardRemovedSignal) surfaces as the transports' ChipTransportError CARD_REMOVED.
import { decodeCommandApdu } from '../../main/chips/apdu/command-apdu';
import { ChipTransportError } from '../../main/chips/transport/transport-error';
import type { ApduTransport } from '../../main/chips/transport/transport';
import type { CardBehaviour } from './card-behaviour';
import { CardRemovedSignal } from './card-removed-signal';

export interface InProcessTransportOptions {
  readonly extendedLength: boolean;
  readonly reader?: string;
}

export function inProcessTransport(card: CardBehaviour, options: InProcessTransportOptions): ApduTransport {
  const reader = options.reader ?? 'in-process';
  return {
    extendedLength: options.extendedLength,
    async transmit(command) {
      const decoded = decodeCommandApdu(command);
      if (decoded === undefined || (decoded.extended && !options.extendedLength)) {
        throw new ChipTransportError(
          'PROTOCOL',
          `the reader cannot carry this ${command.length}-byte APDU`,
          reader,
        );
      }
      try {
        return await card.process(command.slice());
      } catch (error) {
        if (error instanceof CardRemovedSignal) {
          throw new ChipTransportError('CARD_REMOVED', error.message, reader, { cause: error });
        }
        throw error;
      }
    },
  };
}
