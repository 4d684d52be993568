// Station configuration from the environment and command-line flags, with embedded defaults so
// `npm start` needs none. Validated here, at the edge.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { PcscReaderService } from './chips/transport/pcsc/pcsc-reader-service';
import { UsbCcidReaderService } from './chips/transport/usb-ccid/usb-ccid-reader-service';
import { parseEntropyConfig, SIMULATION_ENTROPY, type EntropyConfig } from './entropy/entropy-config';
import type { FillLineDeps } from './fill/fill-line';
import { keyServiceFromConfig, parseKeyServiceConfig } from './sync/key-service-config';

export const APP_DIR_NAME = 'key-filling-station';

export interface StationConfig {
  /** Folder holding station.db and everything else this station keeps. */
  readonly dataDir: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** XDG data home on Linux, the platform's application-data folder elsewhere. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  const xdg =
    env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : join(homedir(), '.local', 'share');
  return join(xdg, APP_DIR_NAME);
}

/** STATION_DATA_DIR overrides the default; a host may pass its own default (Electron's userData). */
export function resolveStationConfig(
  env: NodeJS.ProcessEnv = process.env,
  fallbackDataDir?: string,
): StationConfig {
  const fromEnv = env.STATION_DATA_DIR?.trim();
  if (fromEnv !== undefined && fromEnv === '') throw new ConfigError('STATION_DATA_DIR is set but empty.');
  return { dataDir: resolve(fromEnv ?? fallbackDataDir ?? defaultDataDir(env)) };
}

/**
 * The entropy source an interactive host (Electron, web) runs: STATION_ENTROPY, else the simulation
 * line (OS CSPRNG, every key marked simulated) so that `npm start` works without a QRNG.
 */
export function resolveHostEntropy(env: NodeJS.ProcessEnv = process.env): EntropyConfig | null {
  return parseEntropyConfig(env.STATION_ENTROPY, SIMULATION_ENTROPY);
}

const USB_DEVICE = /^([0-9a-f]{4}):([0-9a-f]{4})$/i;

/**
 * The chip readers an interactive host uses: STATION_READERS "pcsc" (default: every reader pcscd
 * reports; PCSCLITE_CSOCK_NAME picks another pcscd socket), "usb:VID:PID[,VID:PID...]" (USB-key
 * chips speaking CCID, only those vendor and product IDs, hex) or "none".
 */
export function resolveHostReaders(env: NodeJS.ProcessEnv = process.env): FillLineDeps['readers'] {
  const value = env.STATION_READERS?.trim() || 'pcsc';
  if (value === 'none') return null;
  if (value === 'pcsc') return { kind: 'pcsc', connect: () => PcscReaderService.start() };
  if (value.startsWith('usb:')) {
    const devices = value
      .slice(4)
      .split(',')
      .map((entry) => {
        const match = USB_DEVICE.exec(entry.trim());
        if (!match?.[1] || !match[2]) {
          throw new ConfigError(`STATION_READERS: "${entry}" is not VID:PID (four hex digits each).`);
        }
        return { vendorId: parseInt(match[1], 16), productId: parseInt(match[2], 16) };
      });
    return { kind: 'usb', connect: () => UsbCcidReaderService.start({ devices }) };
  }
  throw new ConfigError(`STATION_READERS must be "pcsc", "usb:VID:PID[,...]" or "none", got "${value}".`);
}

/** The key service fixed by STATION_KEY_SERVICE (its files read now), or null: the one set in Settings. */
export function resolveHostKeyService(
  env: NodeJS.ProcessEnv = process.env,
): ReturnType<typeof keyServiceFromConfig> | null {
  const config = parseKeyServiceConfig(env.STATION_KEY_SERVICE);
  return config ? keyServiceFromConfig(config) : null;
}
