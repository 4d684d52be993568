// The real UsbBus: the `usb` 3.x package's WebUSB object limited (allowedDevices) to the
// configured vendor/product IDs, loaded on first use so that a machine without libusb/USB does not
// fail at import. Its connect listener starts a native scan whose failure nobody can catch (it
// ends Node 20 where /sys/bus/usb is missing), so the service adds listeners only after
// getDevices() succeeded (see usb-ccid-reader-service.ts).
import type { UsbBus, UsbDeviceFilter } from './webusb-device';

export async function loadWebUsbBus(filters: readonly UsbDeviceFilter[]): Promise<UsbBus> {
  const { WebUSB } = await import('usb');
  const webusb = new WebUSB({
    allowedDevices: filters.map((f) => ({ vendorId: f.vendorId, productId: f.productId })),
  });
  return {
    getDevices: async () => {
      const devices: readonly unknown[] = await webusb.getDevices();
      return devices;
    },
    addEventListener: (type, listener) => {
      webusb.addEventListener(type, listener);
    },
    removeEventListener: (type, listener) => {
      webusb.removeEventListener(type, listener);
    },
  };
}
