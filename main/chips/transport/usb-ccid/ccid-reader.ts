// One USB CCID reader (slot 0) driven through WebUSB-style transfers: finds the CCID interface and
// its endpoints, reads the class descriptor (only short- and extended-APDU level readers are
// supported: TPDU and character level would need T=0/T=1 framing here), and exchanges messages
// one at a time: bSeq matched (stale answers of an abandoned exchange are skipped), bStatus and
// bError checked, time-extension answers (command status 2) waited through, extended APDUs chained
// through wLevelParameter / bChainParameter when a message would exceed dwMaxCCIDMessageLength.
// Slot changes are read from the interrupt endpoint when there is one.
import { SerialQueue } from '../serial-queue';
import { ChipTransportError, messageOf } from '../transport-error';
import {
  CCID_HEADER,
  Chain,
  CcidError,
  CommandStatus,
  decodeNotification,
  decodeResponse,
  encodeCommand,
  Feature,
  findCcidDescriptor,
  IccStatus,
  missingBytes,
  PcToRdr,
  RdrToPc,
  type CcidClassDescriptor,
  type CcidResponse,
  type SlotNotification,
} from './ccid-protocol';
import type { CcidUsbDevice, UsbEndpointLike } from './webusb-device';

const CCID_INTERFACE_CLASS = 0x0b;
const GET_DESCRIPTOR = 0x06;
const CONFIGURATION_DESCRIPTOR = 0x0200;
const CONTROL_TIMEOUT_MS = 2000;
const MAX_STALE_ANSWERS = 8;
const MAX_RESPONSE = 65536 + 2;
const MAX_ATR = 33;

type Phase = 'connect' | 'session';

/** A rejected transfer of the `usb` package (or emulator) as a transport error. */
export function usbFailure(error: unknown, reader: string): ChipTransportError {
  if (error instanceof ChipTransportError) return error;
  const message = messageOf(error);
  const code = /disconnect|no device|not found/i.test(message)
    ? 'READER_GONE'
    : /cancel|timed? ?out/i.test(message)
      ? 'TIMEOUT'
      : 'DEVICE_ERROR';
  return new ChipTransportError(code, message, reader, { cause: error });
}

function endpoint(
  endpoints: readonly UsbEndpointLike[],
  direction: 'in' | 'out',
  type: 'bulk' | 'interrupt',
) {
  return endpoints.find((e) => e.direction === direction && e.type === type);
}

export class CcidReader {
  readonly #queue = new SerialQueue();
  #seq = 0;
  #powered = false;
  #closed = false;

  private constructor(
    readonly name: string,
    private readonly device: CcidUsbDevice,
    private readonly interfaceNumber: number,
    private readonly bulkOut: UsbEndpointLike,
    private readonly bulkIn: UsbEndpointLike,
    private readonly interrupt: UsbEndpointLike | undefined,
    private readonly descriptor: CcidClassDescriptor,
    private readonly timeoutMs: number,
  ) {}

  /** Opens the device, claims its CCID interface and reads what the reader can do. */
  static async open(device: CcidUsbDevice, name: string, timeoutMs: number): Promise<CcidReader> {
    let claimed: number | null = null;
    try {
      if (!device.opened) await device.open();
      if (!device.configuration) {
        await device.selectConfiguration(device.configurations?.[0]?.configurationValue ?? 1);
      }
      const iface = device.configuration?.interfaces.find(
        (i) => i.alternate.interfaceClass === CCID_INTERFACE_CLASS,
      );
      if (!iface) throw new ChipTransportError('PROTOCOL', 'no CCID interface (class 0x0B)', name);
      const bulkOut = endpoint(iface.alternate.endpoints, 'out', 'bulk');
      const bulkIn = endpoint(iface.alternate.endpoints, 'in', 'bulk');
      if (!bulkOut || !bulkIn)
        throw new ChipTransportError('PROTOCOL', 'CCID interface without bulk endpoints', name);
      await device.claimInterface(iface.interfaceNumber);
      claimed = iface.interfaceNumber;
      const descriptor = await readClassDescriptor(device, iface.interfaceNumber, name);
      const interrupt = endpoint(iface.alternate.endpoints, 'in', 'interrupt');
      return new CcidReader(
        name,
        device,
        iface.interfaceNumber,
        bulkOut,
        bulkIn,
        interrupt,
        descriptor,
        timeoutMs,
      );
    } catch (error) {
      if (claimed !== null) await device.releaseInterface(claimed).catch(() => undefined);
      await device.close().catch(() => undefined);
      throw usbFailure(error, name);
    }
  }

  /** The reader takes extended APDUs (extended APDU exchange level). */
  get extendedApdu(): boolean {
    return (this.descriptor.features & Feature.extendedApdu) !== 0;
  }

  get hasInterrupt(): boolean {
    return this.interrupt !== undefined;
  }

  get powered(): boolean {
    return this.#powered;
  }

  /** bmICCStatus of slot 0 (GetSlotStatus). */
  async iccStatus(): Promise<number> {
    return this.#queue.run(async () => {
      const answer = await this.#exchange(PcToRdr.getSlotStatus, [0, 0, 0], undefined, RdrToPc.slotStatus);
      if (answer.iccStatus === IccStatus.absent) this.#powered = false;
      return answer.iccStatus;
    });
  }

  /** Powers the card (cold reset) and returns its ATR. */
  async powerOn(): Promise<Uint8Array> {
    return this.#queue.run(async () => {
      const voltage = (this.descriptor.features & Feature.autoVoltage) !== 0 ? 0x00 : 0x01;
      const answer = this.#checked(
        await this.#exchange(PcToRdr.iccPowerOn, [voltage, 0, 0], undefined, RdrToPc.dataBlock),
        'connect',
      );
      if (answer.data.length < 2 || answer.data.length > MAX_ATR) {
        throw new ChipTransportError('PROTOCOL', `ATR of ${answer.data.length} bytes`, this.name);
      }
      this.#powered = true;
      return answer.data;
    });
  }

  async powerOff(): Promise<void> {
    return this.#queue.run(async () => {
      this.#powered = false;
      await this.#exchange(PcToRdr.iccPowerOff, [0, 0, 0], undefined, RdrToPc.slotStatus);
    });
  }

  /** Sends a command APDU (chained if it does not fit one message) and returns the whole answer. */
  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    return this.#queue.run(async () => {
      const room = this.descriptor.maxMessageLength - CCID_HEADER;
      if (apdu.length > room && !this.extendedApdu) {
        throw new ChipTransportError(
          'PROTOCOL',
          `${apdu.length}-byte APDU exceeds the reader's messages`,
          this.name,
        );
      }
      let answer = await this.#xfr(apdu.subarray(0, room), apdu.length > room ? Chain.begins : Chain.whole);
      for (let at = room; at < apdu.length; at += room) {
        if (answer.chain !== Chain.more || answer.data.length !== 0) {
          throw new ChipTransportError(
            'PROTOCOL',
            'reader did not ask for the rest of a chained APDU',
            this.name,
          );
        }
        const last = at + room >= apdu.length;
        answer = await this.#xfr(apdu.subarray(at, at + room), last ? Chain.ends : Chain.continues);
      }
      const parts = [answer.data];
      let total = answer.data.length;
      while (answer.chain === Chain.begins || answer.chain === Chain.continues) {
        answer = await this.#xfr(new Uint8Array(0), Chain.more);
        parts.push(answer.data);
        total += answer.data.length;
        if (total > MAX_RESPONSE)
          throw new ChipTransportError('PROTOCOL', 'chained answer too long', this.name);
      }
      if (total < 2) throw new ChipTransportError('PROTOCOL', 'answer without status word', this.name);
      const out = new Uint8Array(total);
      let at = 0;
      for (const part of parts) {
        out.set(part, at);
        at += part.length;
      }
      return out;
    });
  }

  /** The next slot notification, or null when none came within `timeoutMs`. */
  async nextNotification(timeoutMs: number): Promise<SlotNotification | null> {
    if (!this.interrupt) return null;
    let result;
    try {
      result = await this.device.transferIn(
        this.interrupt.endpointNumber,
        this.interrupt.packetSize,
        timeoutMs,
      );
    } catch (error) {
      const failure = usbFailure(error, this.name);
      if (failure.code === 'TIMEOUT' && !this.#closed) return null;
      throw failure;
    }
    if (result.status !== 'ok' || !result.data) {
      throw new ChipTransportError('DEVICE_ERROR', `interrupt IN ${result.status}`, this.name);
    }
    const notification = decodeNotification(
      new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength),
    );
    if (notification?.kind === 'slot-change' && !notification.present) this.#powered = false;
    return notification;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.device.releaseInterface(this.interfaceNumber).catch(() => undefined);
    await this.device.close().catch(() => undefined);
  }

  async #xfr(data: Uint8Array, level: number): Promise<CcidResponse> {
    const answer = await this.#exchange(
      PcToRdr.xfrBlock,
      [0, level & 0xff, level >> 8],
      data,
      RdrToPc.dataBlock,
    );
    return this.#checked(answer, 'session');
  }

  #checked(answer: CcidResponse, phase: Phase): CcidResponse {
    if (answer.commandStatus !== CommandStatus.failed) return answer;
    if (answer.iccStatus === IccStatus.absent) {
      this.#powered = false;
      throw new ChipTransportError(
        phase === 'connect' ? 'NO_CARD' : 'CARD_REMOVED',
        'no card in the slot',
        this.name,
      );
    }
    const hex = `0x${answer.error.toString(16).padStart(2, '0')}`;
    switch (answer.error) {
      case CcidError.iccMute:
        throw new ChipTransportError('TIMEOUT', 'the card does not answer (ICC_MUTE)', this.name);
      case CcidError.slotBusy:
        throw new ChipTransportError('CARD_BUSY', 'the slot is busy (CMD_SLOT_BUSY)', this.name);
      case CcidError.hardware:
      case CcidError.aborted:
        throw new ChipTransportError('DEVICE_ERROR', `reader error ${hex}`, this.name);
      default:
        throw new ChipTransportError('PROTOCOL', `reader refused the command (bError ${hex})`, this.name);
    }
  }

  async #exchange(
    type: number,
    param: readonly [number, number, number],
    data: Uint8Array | undefined,
    expected: number,
  ): Promise<CcidResponse> {
    if (this.#closed) throw new ChipTransportError('CLOSED', 'reader closed', this.name);
    const seq = this.#seq;
    this.#seq = (seq + 1) & 0xff;
    const message = encodeCommand({ type, slot: 0, seq, param, ...(data ? { data } : {}) });
    const deadline = Date.now() + this.timeoutMs;
    await this.#send(message, deadline);
    for (let stale = 0; ;) {
      const answer = await this.#receive(deadline);
      if (answer.seq !== seq || answer.slot !== 0) {
        stale += 1;
        if (stale > MAX_STALE_ANSWERS)
          throw new ChipTransportError('PROTOCOL', 'answers out of sequence', this.name);
        continue;
      }
      if (answer.type !== expected) {
        throw new ChipTransportError('PROTOCOL', `answer type 0x${answer.type.toString(16)}`, this.name);
      }
      if (answer.commandStatus !== CommandStatus.timeExtension) return answer;
    }
  }

  async #send(message: Uint8Array, deadline: number): Promise<void> {
    let result;
    try {
      result = await this.device.transferOut(
        this.bulkOut.endpointNumber,
        message,
        remaining(deadline, this.name),
      );
    } catch (error) {
      throw usbFailure(error, this.name);
    }
    if (result.status !== 'ok') {
      await this.device.clearHalt('out', this.bulkOut.endpointNumber).catch(() => undefined);
      throw new ChipTransportError('DEVICE_ERROR', `bulk OUT ${result.status}`, this.name);
    }
    if (result.bytesWritten !== message.length) {
      throw new ChipTransportError(
        'DEVICE_ERROR',
        `bulk OUT wrote ${result.bytesWritten} of ${message.length}`,
        this.name,
      );
    }
  }

  /** Reads bulk-IN transfers until they hold one whole message. */
  async #receive(deadline: number): Promise<CcidResponse> {
    const size =
      Math.ceil(this.descriptor.maxMessageLength / this.bulkIn.packetSize) * this.bulkIn.packetSize;
    let bytes = new Uint8Array(0);
    for (;;) {
      let result;
      try {
        result = await this.device.transferIn(
          this.bulkIn.endpointNumber,
          size,
          remaining(deadline, this.name),
        );
      } catch (error) {
        throw usbFailure(error, this.name);
      }
      if (result.status !== 'ok' || !result.data) {
        await this.device.clearHalt('in', this.bulkIn.endpointNumber).catch(() => undefined);
        throw new ChipTransportError('DEVICE_ERROR', `bulk IN ${result.status}`, this.name);
      }
      const chunk = new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength);
      const joined = new Uint8Array(bytes.length + chunk.length);
      joined.set(bytes);
      joined.set(chunk, bytes.length);
      bytes = joined;
      const missing = missingBytes(bytes);
      if (missing === 0) {
        const answer = decodeResponse(bytes);
        if (!answer) throw new ChipTransportError('PROTOCOL', 'malformed CCID answer', this.name);
        return answer;
      }
      if (bytes.length > this.descriptor.maxMessageLength || chunk.length === 0) {
        throw new ChipTransportError('PROTOCOL', 'CCID answer longer than announced', this.name);
      }
    }
  }
}

function remaining(deadline: number, reader: string): number {
  const ms = deadline - Date.now();
  if (ms <= 0) throw new ChipTransportError('TIMEOUT', 'the reader did not answer in time', reader);
  return ms;
}

/** GET_DESCRIPTOR(CONFIGURATION): 9 bytes for wTotalLength, then the whole configuration. */
async function readClassDescriptor(
  device: CcidUsbDevice,
  interfaceNumber: number,
  name: string,
): Promise<CcidClassDescriptor> {
  const read = async (length: number): Promise<Uint8Array> => {
    const result = await device.controlTransferIn(
      {
        requestType: 'standard',
        recipient: 'device',
        request: GET_DESCRIPTOR,
        value: CONFIGURATION_DESCRIPTOR,
        index: 0,
      },
      length,
      CONTROL_TIMEOUT_MS,
    );
    if (result.status !== 'ok' || !result.data) {
      throw new ChipTransportError('DEVICE_ERROR', `GET_DESCRIPTOR ${result.status}`, name);
    }
    return new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength);
  };
  const head = await read(9);
  const total = (head[2] ?? 0) | ((head[3] ?? 0) << 8);
  const descriptor = findCcidDescriptor(await read(Math.max(total, 9)), interfaceNumber);
  if (!descriptor) throw new ChipTransportError('PROTOCOL', 'no CCID class descriptor', name);
  if ((descriptor.features & (Feature.shortApdu | Feature.extendedApdu)) === 0) {
    throw new ChipTransportError(
      'PROTOCOL',
      'only short/extended APDU level CCID readers are supported',
      name,
    );
  }
  if (descriptor.maxMessageLength < CCID_HEADER + 5) {
    throw new ChipTransportError('PROTOCOL', `dwMaxCCIDMessageLength ${descriptor.maxMessageLength}`, name);
  }
  return descriptor;
}
