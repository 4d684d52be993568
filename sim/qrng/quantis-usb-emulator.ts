// ID Quantique Quantis USB emulator: an object with the WebUSB USBDevice methods the driver uses,
// behaving as the `usb` 3.x package does (stall → {status:'stall', data: undefined}; a timeout or
// disconnect rejects with "transferIn error: transfer was cancelled" / "device disconnected", the
// messages of its nusb core) and as the board does per the Quantis library: VID:PID 0x0ABA:0x0102,
// configuration 1, interface 0, bulk IN 0x86 with wMaxPacketSize 512 that fails any request that
// is not a whole packet, vendor requests 0x10..0x18 to the interface (wValue 0, wIndex 0).
// Fault switches (`fault`): stall, timeout, disconnect mid-read (after `disconnectAfterPackets`),
// modules status 0. `log` records every transfer for the tests.
import { randomBytes } from 'node:crypto';

export type QuantisUsbFault = 'none' | 'stall' | 'timeout' | 'disconnect' | 'status-0';

export type QuantisUsbLogEntry =
  | { readonly kind: 'control-in' | 'control-out'; readonly request: number; readonly bmRequestType: number }
  | { readonly kind: 'bulk-in'; readonly endpoint: number; readonly length: number };

type Recipient = 'device' | 'interface' | 'endpoint' | 'other';
type RequestType = 'standard' | 'class' | 'vendor';

interface Setup {
  readonly requestType: RequestType;
  readonly recipient: Recipient;
  readonly request: number;
  readonly value: number;
  readonly index: number;
}

const PACKET = 512;
const ENDPOINTS = [{ endpointNumber: 6, direction: 'in', type: 'bulk', packetSize: PACKET }] as const;
const CONFIGURATION = {
  configurationValue: 1,
  configurationName: undefined,
  interfaces: [
    {
      interfaceNumber: 0,
      claimed: false,
      alternate: {
        alternateSetting: 0,
        interfaceClass: 0xff,
        interfaceSubclass: 0,
        interfaceProtocol: 0,
        endpoints: ENDPOINTS,
      },
      alternates: [],
    },
  ],
};

/** bmRequestType as it goes on the wire, for the log. */
function bmRequestType(direction: 'in' | 'out', setup: Setup): number {
  const type = { standard: 0, class: 1, vendor: 2 }[setup.requestType];
  const recipient = { device: 0, interface: 1, endpoint: 2, other: 3 }[setup.recipient];
  return (direction === 'in' ? 0x80 : 0) | (type << 5) | recipient;
}

export class QuantisUsbEmulator {
  readonly vendorId = 0x0aba;
  readonly productId = 0x0102;
  readonly serialNumber: string;
  readonly log: QuantisUsbLogEntry[] = [];
  fault: QuantisUsbFault = 'none';
  disconnectAfterPackets = 0;
  boardVersion = 0x0000_0203;
  moduleRateKbps = 4000;
  ais31Flag = 1;
  #opened = false;
  #configured = false;
  #claimed = false;
  #enabled = true;
  #gone = false;
  #packets = 0;

  constructor(serialNumber = '0901234A10') {
    this.serialNumber = serialNumber;
  }

  get opened(): boolean {
    return this.#opened;
  }

  get configuration(): typeof CONFIGURATION | undefined {
    return this.#configured ? CONFIGURATION : undefined;
  }

  get configurations(): (typeof CONFIGURATION)[] {
    return [CONFIGURATION];
  }

  open(): Promise<void> {
    return this.#step('open', () => (this.#opened = true));
  }

  close(): Promise<void> {
    this.#opened = false;
    this.#claimed = false;
    return Promise.resolve();
  }

  selectConfiguration(value: number): Promise<void> {
    return this.#step('selectConfiguration', () => {
      if (value !== 1) throw new Error('selectConfiguration error: invalid configuration');
      this.#configured = true;
    });
  }

  claimInterface(interfaceNumber: number): Promise<void> {
    return this.#step('claimInterface', () => {
      if (!this.#configured || interfaceNumber !== 0)
        throw new Error('claimInterface error: interface not found');
      this.#claimed = true;
    });
  }

  releaseInterface(_interfaceNumber: number): Promise<void> {
    this.#claimed = false;
    return Promise.resolve();
  }

  async controlTransferIn(
    setup: Setup,
    length: number,
    _timeout = 1000,
  ): Promise<{ data?: DataView; status: 'ok' | 'stall' }> {
    await this.#ready('controlTransferIn');
    this.log.push({ kind: 'control-in', request: setup.request, bmRequestType: bmRequestType('in', setup) });
    const value = this.#answer(setup);
    if (value === null) return { data: undefined, status: 'stall' };
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setInt32(0, value.value, true);
    return { data: new DataView(bytes.buffer, 0, Math.min(length, value.size)), status: 'ok' };
  }

  async controlTransferOut(
    setup: Setup,
    _data?: Uint8Array,
    _timeout = 1000,
  ): Promise<{ bytesWritten: number; status: 'ok' | 'stall' }> {
    await this.#ready('controlTransferOut');
    this.log.push({
      kind: 'control-out',
      request: setup.request,
      bmRequestType: bmRequestType('out', setup),
    });
    if (!this.#vendorToInterface(setup)) return { bytesWritten: 0, status: 'stall' };
    if (setup.request === 0x11) this.#enabled = false;
    else if (setup.request === 0x12) this.#enabled = true;
    else if (setup.request === 0x18) this.ais31Flag = 0;
    else return { bytesWritten: 0, status: 'stall' };
    return { bytesWritten: 0, status: 'ok' };
  }

  async transferIn(
    endpointNumber: number,
    length: number,
    timeout = 1000,
  ): Promise<{ data?: DataView; status: 'ok' | 'stall' }> {
    await this.#ready('transferIn');
    this.log.push({ kind: 'bulk-in', endpoint: endpointNumber, length });
    if (endpointNumber !== 6) throw new Error('transferIn error: endpoint not found');
    if (this.fault === 'stall' || length !== PACKET || !this.#enabled)
      return { data: undefined, status: 'stall' };
    if (this.fault === 'timeout') {
      await new Promise((resolve) => setTimeout(resolve, timeout));
      throw new Error('transferIn error: transfer was cancelled');
    }
    if (this.fault === 'disconnect' && this.#packets >= this.disconnectAfterPackets) {
      this.#gone = true;
      throw new Error('transferIn error: device disconnected');
    }
    this.#packets += 1;
    const bytes = randomBytes(PACKET);
    return { data: new DataView(bytes.buffer, bytes.byteOffset, PACKET), status: 'ok' };
  }

  #answer(setup: Setup): { value: number; size: number } | null {
    if (!this.#vendorToInterface(setup)) return null;
    const status = this.fault === 'status-0' || !this.#enabled ? 0 : 1;
    switch (setup.request) {
      case 0x10:
        return { value: this.boardVersion, size: 4 };
      case 0x13:
        return { value: status, size: 1 };
      case 0x14:
        return { value: 1, size: 1 };
      case 0x15:
        return { value: 1, size: 1 };
      case 0x16:
        return { value: this.moduleRateKbps, size: 4 };
      case 0x17:
        return { value: this.ais31Flag, size: 1 };
      default:
        return null;
    }
  }

  #vendorToInterface(setup: Setup): boolean {
    return (
      setup.requestType === 'vendor' &&
      setup.recipient === 'interface' &&
      setup.value === 0 &&
      setup.index === 0
    );
  }

  async #ready(what: string): Promise<void> {
    await Promise.resolve();
    if (this.#gone) throw new Error(`${what} error: device disconnected`);
    if (!this.#opened || !this.#claimed) throw new Error(`${what} error: invalid state`);
  }

  async #step(what: string, action: () => void): Promise<void> {
    await Promise.resolve();
    if (this.#gone) throw new Error(`${what} error: device disconnected`);
    action();
  }
}
