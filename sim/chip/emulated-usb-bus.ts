// A USB bus for emulated devices, shaped like the `usb` package's WebUSB object as far as the CCID
// reader service uses it: getDevices() and connect/disconnect events. plug() and unplug() are the
// cable; a device that disconnects itself (CcidUsbDeviceEmulator fault) is unplugged too.
// `failWith` makes getDevices() reject as it does on a machine without /sys/bus/usb.
import type { CcidUsbDeviceEmulator } from './ccid-usb-device';

type Listener = (event: { readonly device: unknown }) => void;

export class EmulatedUsbBus {
  failWith: string | null = null;
  readonly #devices = new Map<CcidUsbDeviceEmulator, () => void>();
  readonly #listeners = { connect: new Set<Listener>(), disconnect: new Set<Listener>() };

  getDevices(): Promise<readonly unknown[]> {
    if (this.failWith !== null) return Promise.reject(new Error(this.failWith));
    return Promise.resolve([...this.#devices.keys()]);
  }

  addEventListener(type: 'connect' | 'disconnect', listener: Listener): void {
    this.#listeners[type].add(listener);
  }

  removeEventListener(type: 'connect' | 'disconnect', listener: Listener): void {
    this.#listeners[type].delete(listener);
  }

  listenerCount(): number {
    return this.#listeners.connect.size + this.#listeners.disconnect.size;
  }

  plug(device: CcidUsbDeviceEmulator): void {
    if (this.#devices.has(device)) return;
    this.#devices.set(
      device,
      device.whenDisconnected(() => {
        this.unplug(device);
      }),
    );
    for (const listener of [...this.#listeners.connect]) listener({ device });
  }

  unplug(device: CcidUsbDeviceEmulator): void {
    const stop = this.#devices.get(device);
    if (!stop) return;
    stop();
    this.#devices.delete(device);
    device.disconnect();
    for (const listener of [...this.#listeners.disconnect]) listener({ device });
  }
}
