// The part of the WebUSB USBDevice interface (as the `usb` 3.x package exposes it, with its extra
// timeout argument) that the CCID transport uses, the bus it comes from (the package's WebUSB
// object, or an emulated one), and the check that an object from that bus really has this shape.

export type UsbTransferStatus = 'ok' | 'stall' | 'babble';

export interface UsbInTransferResult {
  readonly data?: DataView | undefined;
  readonly status: UsbTransferStatus;
}

export interface UsbOutTransferResult {
  readonly bytesWritten: number;
  readonly status: UsbTransferStatus;
}

export interface UsbControlSetup {
  readonly requestType: 'standard' | 'class' | 'vendor';
  readonly recipient: 'device' | 'interface' | 'endpoint' | 'other';
  readonly request: number;
  readonly value: number;
  readonly index: number;
}

export interface UsbEndpointLike {
  readonly endpointNumber: number;
  readonly direction: 'in' | 'out';
  readonly type: 'bulk' | 'interrupt' | 'isochronous';
  readonly packetSize: number;
}

export interface UsbInterfaceLike {
  readonly interfaceNumber: number;
  readonly alternate: {
    readonly interfaceClass: number;
    readonly endpoints: readonly UsbEndpointLike[];
  };
}

export interface UsbConfigurationLike {
  readonly configurationValue: number;
  readonly interfaces: readonly UsbInterfaceLike[];
}

export interface CcidUsbDevice {
  readonly vendorId: number;
  readonly productId: number;
  readonly serialNumber?: string | null | undefined;
  /** `usb` package: bus name and port path (e.g. "1", [3, 4]). */
  readonly bus?: string | undefined;
  readonly ports?: readonly number[] | undefined;
  readonly opened: boolean;
  readonly configuration?: UsbConfigurationLike | null | undefined;
  readonly configurations?: readonly UsbConfigurationLike[] | undefined;
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(configurationValue: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  controlTransferIn(setup: UsbControlSetup, length: number, timeout?: number): Promise<UsbInTransferResult>;
  transferIn(endpointNumber: number, length: number, timeout?: number): Promise<UsbInTransferResult>;
  transferOut(endpointNumber: number, data: Uint8Array, timeout?: number): Promise<UsbOutTransferResult>;
  clearHalt(direction: 'in' | 'out', endpointNumber: number): Promise<void>;
}

export interface UsbConnectionEventLike {
  readonly device: unknown;
}

/** Where devices come from: the `usb` package's WebUSB (with allowedDevices) or an emulated bus. */
export interface UsbBus {
  getDevices(): Promise<readonly unknown[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: (event: UsbConnectionEventLike) => void): void;
  removeEventListener(
    type: 'connect' | 'disconnect',
    listener: (event: UsbConnectionEventLike) => void,
  ): void;
}

export interface UsbDeviceFilter {
  readonly vendorId: number;
  readonly productId: number;
}

const METHODS = [
  'open',
  'close',
  'selectConfiguration',
  'claimInterface',
  'releaseInterface',
  'controlTransferIn',
  'transferIn',
  'transferOut',
  'clearHalt',
] as const;

/** The `usb` package's typings reach these methods only through the DOM's USBDevice: check here. */
export function isCcidUsbDevice(value: unknown): value is CcidUsbDevice {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['vendorId'] === 'number' &&
    typeof record['productId'] === 'number' &&
    METHODS.every((m) => typeof record[m] === 'function')
  );
}
