// ID Quantique Quantis USB driver over a WebUSB-style device (the `usb` package, or the emulator in
// sim/qrng). Follows the Quantis library (see quantis-usb-protocol.ts): configuration 1,
// interface 0, whole wMaxPacketSize bulk reads from endpoint 0x86, GET_MODULES_STATUS > 0 before
// every packet, and the library's board reset at open. Any stall, short packet, timeout,
// disconnect or module status 0 fails the source; it stays failed until opened again.
import type { EntropySource, EntropySourceEvent, EntropySourceStatus } from '../entropy-source';
import {
  QUANTIS_USB_BULK_IN_ENDPOINT,
  QUANTIS_USB_CONFIGURATION,
  QUANTIS_USB_INTERFACE,
  QUANTIS_USB_MAX_PACKET_SIZE,
  QUANTIS_USB_REQUEST_TIMEOUT_MS,
  QUANTIS_USB_RESET_DISCARD_BYTES,
  QUANTIS_USB_RESET_WAIT_MS,
  QuantisUsbRequest,
} from './quantis-usb-protocol';
import { SourceStatusKeeper } from './source-status';
import type { UsbControlSetup, WebUsbDevice } from './usb-device';

export interface QuantisUsbSourceOptions {
  /** Wait after the board reset's disable/enable (the library sleeps 1 s). */
  readonly resetWaitMs?: number;
}

/** What the board reports about itself at open. */
export interface QuantisUsbBoardInfo {
  readonly serialNumber: string;
  readonly boardVersion: number;
  readonly modulesMask: number;
  /** Module rate as reported (kbit/s). */
  readonly moduleRateKbps: number;
  readonly packetSize: number;
}

const MAX_READ = 16 * 1024 * 1024;

function vendorSetup(request: number): UsbControlSetup {
  return { requestType: 'vendor', recipient: 'interface', request, value: 0, index: 0 };
}

export class QuantisUsbSource implements EntropySource {
  readonly kind = 'quantis-usb';
  readonly simulated = false;
  readonly #keeper: SourceStatusKeeper;
  readonly #resetWaitMs: number;
  #packetSize = 0;
  #info: QuantisUsbBoardInfo | null = null;

  constructor(
    private readonly device: WebUsbDevice,
    options: QuantisUsbSourceOptions = {},
  ) {
    this.#resetWaitMs = options.resetWaitMs ?? QUANTIS_USB_RESET_WAIT_MS;
    this.#keeper = new SourceStatusKeeper(
      'quantis-usb',
      `Quantis USB ${device.serialNumber ?? 'no serial'}`,
      false,
    );
  }

  /** Board details read at the last open (null before). */
  get info(): QuantisUsbBoardInfo | null {
    return this.#info;
  }

  async open(): Promise<void> {
    this.#keeper.set('opening');
    try {
      if (!this.device.opened) await this.device.open();
      await this.device.selectConfiguration(QUANTIS_USB_CONFIGURATION);
      await this.device.claimInterface(QUANTIS_USB_INTERFACE);
      this.#packetSize = this.#bulkPacketSize();
      this.#info = {
        serialNumber: this.device.serialNumber ?? 'none',
        boardVersion: await this.#getInt(QuantisUsbRequest.getBoardVersion),
        modulesMask: await this.#getByte(QuantisUsbRequest.getModulesMask),
        moduleRateKbps: await this.#getInt(QuantisUsbRequest.getModulesRate),
        packetSize: this.#packetSize,
      };
      await this.#boardReset();
    } catch (error) {
      await this.#release();
      throw this.#keeper.fail(`cannot open: ${messageOf(error)}`);
    }
    this.#keeper.set('ready');
  }

  async read(n: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(n) || n <= 0 || n > MAX_READ) {
      throw new RangeError(`read size must be an integer in 1..${MAX_READ}, got ${n}`);
    }
    this.#keeper.assertReady();
    const started = performance.now();
    try {
      const bytes = await this.#readPackets(n);
      this.#keeper.counted(n, performance.now() - started);
      return bytes;
    } catch (error) {
      throw this.#keeper.fail(messageOf(error));
    }
  }

  /** AIS 31 start-up tests request flag (0x17): the board asks for start-up tests to be run. */
  async ais31StartupTestsRequested(): Promise<boolean> {
    return (await this.#getByte(QuantisUsbRequest.getAis31StartupTestsRequestFlag)) !== 0;
  }

  /** Clears the AIS 31 start-up tests request flag (0x18), once the tests have passed. */
  async clearAis31StartupTestsRequest(): Promise<void> {
    await this.#send(QuantisUsbRequest.clearAis31StartupTestsRequestFlag);
  }

  status(): EntropySourceStatus {
    return this.#keeper.status();
  }

  rate(): number {
    return this.#keeper.rate();
  }

  async close(): Promise<void> {
    await this.#release();
    this.#keeper.set('closed');
  }

  on(listener: (event: EntropySourceEvent) => void): () => void {
    return this.#keeper.on(listener);
  }

  async #release(): Promise<void> {
    if (!this.device.opened) return;
    await this.device.releaseInterface(QUANTIS_USB_INTERFACE).catch(() => undefined);
    await this.device.close().catch(() => undefined);
  }

  #bulkPacketSize(): number {
    const iface = this.device.configuration?.interfaces.find(
      (i) => i.interfaceNumber === QUANTIS_USB_INTERFACE,
    );
    const endpoint = iface?.alternate.endpoints.find(
      (e) => e.endpointNumber === QUANTIS_USB_BULK_IN_ENDPOINT && e.direction === 'in' && e.type === 'bulk',
    );
    if (!endpoint) throw new Error('bulk IN endpoint 0x86 not found on interface 0');
    const size = endpoint.packetSize;
    if (!Number.isInteger(size) || size <= 0 || size > QUANTIS_USB_MAX_PACKET_SIZE) {
      throw new Error(`unexpected wMaxPacketSize ${size}`);
    }
    return size;
  }

  /** QuantisUsbBoardReset: disable/enable and wait when needed, then discard 4096 bytes. */
  async #boardReset(): Promise<void> {
    const status = await this.#getByte(QuantisUsbRequest.getModulesStatus);
    const mask = await this.#getByte(QuantisUsbRequest.getModulesMask);
    if (status !== 0x01 || mask !== 0x00) {
      await this.#send(QuantisUsbRequest.moduleDisable);
      await this.#send(QuantisUsbRequest.moduleEnable);
      await new Promise((resolve) => setTimeout(resolve, this.#resetWaitMs));
    }
    (await this.#readPackets(QUANTIS_USB_RESET_DISCARD_BYTES)).fill(0);
  }

  /** QuantisUsbRead: per packet, status > 0, then one whole-packet bulk transfer. */
  async #readPackets(n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    const size = this.#packetSize;
    try {
      for (let at = 0; at < n; at += size) {
        const status = await this.#getByte(QuantisUsbRequest.getModulesStatus);
        if (status <= 0) throw new Error(`module status is ${status}: no working module`);
        const result = await this.device.transferIn(
          QUANTIS_USB_BULK_IN_ENDPOINT,
          size,
          QUANTIS_USB_REQUEST_TIMEOUT_MS,
        );
        if (result.status !== 'ok') throw new Error(`bulk IN endpoint 0x86: ${result.status}`);
        const data = result.data;
        if (data?.byteLength !== size) {
          throw new Error(`bulk IN packet of ${data?.byteLength ?? 0} bytes, expected ${size}`);
        }
        const packet = new Uint8Array(data.buffer, data.byteOffset, size);
        out.set(packet.subarray(0, Math.min(size, n - at)), at);
        packet.fill(0);
      }
    } catch (error) {
      out.fill(0);
      throw error;
    }
    return out;
  }

  async #controlIn(request: number, length: number): Promise<DataView> {
    const result = await this.device.controlTransferIn(
      vendorSetup(request),
      length,
      QUANTIS_USB_REQUEST_TIMEOUT_MS,
    );
    const hex = `0x${request.toString(16)}`;
    if (result.status !== 'ok') throw new Error(`vendor request ${hex}: ${result.status}`);
    const data = result.data;
    if (data?.byteLength !== length) {
      throw new Error(`vendor request ${hex}: ${data?.byteLength ?? 0} bytes, expected ${length}`);
    }
    return data;
  }

  async #getByte(request: number): Promise<number> {
    return (await this.#controlIn(request, 1)).getUint8(0);
  }

  async #getInt(request: number): Promise<number> {
    return (await this.#controlIn(request, 4)).getInt32(0, true);
  }

  async #send(request: number): Promise<void> {
    const result = await this.device.controlTransferOut(
      vendorSetup(request),
      new Uint8Array(0),
      QUANTIS_USB_REQUEST_TIMEOUT_MS,
    );
    if (result.status !== 'ok') throw new Error(`vendor request 0x${request.toString(16)}: ${result.status}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
