// Chooses and builds the entropy driver named by a configuration (validated here with zod).
// There is no fallback: a configured device that is absent is an error, never the simulation.
import type { EntropySource } from '../entropy-source';
import { NetworkSource } from './network-source';
import { QuantisUsbSource } from './quantis-usb-source';
import { SimulationSource } from './simulation-source';
import { entropySourceConfigSchema } from './source-config';
import { EntropySourceError } from './source-error';
import { StreamSource } from './stream-source';
import type { UsbDiscovery } from './usb-discovery';
import { findQuantisUsbDevices } from './usb-discovery';

export interface CreateSourceDeps {
  /** Finds Quantis USB boards; the `usb` package by default. */
  readonly findQuantisUsb?: (serial?: string) => Promise<UsbDiscovery>;
}

export async function createEntropySource(
  config: unknown,
  deps: CreateSourceDeps = {},
): Promise<EntropySource> {
  const parsed = entropySourceConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `invalid entropy source configuration at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`,
    );
  }
  const c = parsed.data;
  switch (c.kind) {
    case 'stream':
      return new StreamSource({ path: c.path, device: c.device });
    case 'network':
      return new NetworkSource({ url: c.url, pinSha256: c.pinSha256 });
    case 'simulation':
      return new SimulationSource();
    case 'quantis-usb': {
      const found = await (deps.findQuantisUsb ?? findQuantisUsbDevices)(c.serial);
      const name = `Quantis USB${c.serial === undefined ? '' : ` ${c.serial}`}`;
      if (!found.ok) throw new EntropySourceError(name, found.error);
      const [device, ...others] = found.devices;
      if (!device) throw new EntropySourceError(name, 'no Quantis USB board (0ABA:0102) found');
      if (others.length > 0)
        throw new EntropySourceError(name, 'several Quantis USB boards found: configure a serial');
      return new QuantisUsbSource(device);
    }
  }
}
