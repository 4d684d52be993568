// Finds Quantis USB boards through the `usb` package's WebUSB object (loaded on first use).
// Guarded for machines without USB: there `getDevices()` rejects ("/sys/bus/usb/devices/ not
// found"), which is caught and reported. No 'connect' listener is ever added: that starts a scan
// whose rejection is unhandled and ends Node 20.
import { QUANTIS_USB_PRODUCT_ID, QUANTIS_USB_VENDOR_ID } from './quantis-usb-protocol';
import type { WebUsbDevice } from './usb-device';

export type UsbDiscovery =
  | { readonly ok: true; readonly devices: readonly WebUsbDevice[] }
  | { readonly ok: false; readonly error: string };

const METHODS = [
  'open',
  'close',
  'selectConfiguration',
  'claimInterface',
  'releaseInterface',
  'controlTransferIn',
  'controlTransferOut',
  'transferIn',
] as const;

/**
 * The `usb` package's devices carry the WebUSB methods at run time (its typings reach them only
 * through the DOM's USBDevice type, absent from main/), so each device is checked here, at the edge.
 */
function isWebUsbDevice(value: unknown): value is WebUsbDevice {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['vendorId'] === 'number' &&
    typeof record['productId'] === 'number' &&
    METHODS.every((m) => typeof record[m] === 'function')
  );
}

/** Quantis USB boards present (optionally the one with `serial`), or why USB cannot be used. */
export async function findQuantisUsbDevices(serial?: string): Promise<UsbDiscovery> {
  try {
    const { usb } = await import('usb');
    const all: readonly unknown[] = await usb.getDevices();
    const devices = all
      .filter(isWebUsbDevice)
      .filter(
        (d) =>
          d.vendorId === QUANTIS_USB_VENDOR_ID &&
          d.productId === QUANTIS_USB_PRODUCT_ID &&
          (serial === undefined || d.serialNumber === serial),
      );
    return { ok: true, devices };
  } catch (error) {
    return { ok: false, error: `USB unavailable: ${error instanceof Error ? error.message : String(error)}` };
  }
}
