// A trivial CardBehaviour for transport tests (no applet, no keys): each command exercises one
// thing a transport must carry. Its ATR offers T=0 and T=1 and announces extended Lc/Le in the card
// capabilities (historical bytes 80 73 00 00 C0), as extended-length cards do.
//   00 A4 04 00 Lc AID       SELECT: 9000 for any AID
//   80 01 00 00 Lc data Le   ECHO: the data back
//   80 02 P1 P2              PRODUCE: (P1 << 8 | P2) bytes i & 0xFF, then 9000
//   80 03 00 00 (Le)         T=0 STYLE: 61xx, the 300-byte answer comes through GET RESPONSE
//   80 04 00 00 Le           EXACT LE: 6C20 unless Le is 0x20, then 32 bytes
//   80 05 00 00              PULL: the card is pulled out mid-command (CardRemovedSignal)
//   80 06 P1 P2              SLOW: answers 9000 after (P1 << 8 | P2) ms
//   00 C0 00 00 Le           GET RESPONSE: the next Le bytes of the pending answer
import { setTimeout as sleep } from 'node:timers/promises';
import { buildAtr } from '../../main/chips/transport/atr';
import { commandShape } from '../../main/chips/transport/apdu-shape';
import type { CardBehaviour } from './card-behaviour';
import { CardRemovedSignal } from './card-removed-signal';

export const TEST_CARD_ATR = buildAtr([0, 1], Uint8Array.of(0x80, 0x73, 0x00, 0x00, 0xc0));
export const T0_STYLE_ANSWER_LENGTH = 300;

function answer(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

function pattern(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => i & 0xff);
}

export class TestCard implements CardBehaviour {
  /** Commands seen since the last reset (copies), for assertions. */
  readonly commands: Uint8Array[] = [];
  resets = 0;
  powerOffs = 0;
  #pending: Uint8Array = new Uint8Array(0);

  atr(): Uint8Array {
    return TEST_CARD_ATR.slice();
  }

  reset(): void {
    this.resets += 1;
    this.#pending = new Uint8Array(0);
  }

  powerOff(): void {
    this.powerOffs += 1;
    this.#pending = new Uint8Array(0);
  }

  async process(command: Uint8Array): Promise<Uint8Array> {
    this.commands.push(command.slice());
    let shape;
    try {
      shape = commandShape(command);
    } catch {
      return answer(new Uint8Array(0), 0x6700);
    }
    const [cla = 0, ins = 0, p1 = 0, p2 = 0] = command;
    const data = command.subarray(shape.dataOffset, shape.dataOffset + shape.dataLength);
    if (cla === 0x00 && ins === 0xa4) return answer(new Uint8Array(0), 0x9000);
    if (cla === 0x00 && ins === 0xc0) return this.#getResponse(shape.le ?? 256);
    if (cla !== 0x80) return answer(new Uint8Array(0), 0x6e00);
    switch (ins) {
      case 0x01:
        return answer(data, 0x9000);
      case 0x02:
        return answer(pattern((p1 << 8) | p2), 0x9000);
      case 0x03:
        this.#pending = pattern(T0_STYLE_ANSWER_LENGTH);
        return answer(new Uint8Array(0), 0x6100);
      case 0x04:
        return shape.le === 0x20 ? answer(pattern(0x20), 0x9000) : answer(new Uint8Array(0), 0x6c20);
      case 0x05:
        this.powerOff();
        throw new CardRemovedSignal('PULL');
      case 0x06:
        await sleep((p1 << 8) | p2);
        return answer(new Uint8Array(0), 0x9000);
      default:
        return answer(new Uint8Array(0), 0x6d00);
    }
  }

  #getResponse(le: number): Uint8Array {
    if (this.#pending.length === 0) return answer(new Uint8Array(0), 0x6985);
    const chunk = this.#pending.slice(0, le);
    this.#pending = this.#pending.slice(chunk.length);
    const left = this.#pending.length;
    return answer(chunk, left === 0 ? 0x9000 : 0x6100 | (left >= 256 ? 0 : left));
  }
}
