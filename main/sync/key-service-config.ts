// The key service a station syncs to, from STATION_KEY_SERVICE: unset or "none" (bindings wait in
// the outbox), or JSON naming a KMIP server and the PEM files of mutual TLS:
//   {"kind":"kmip","host":"kms.example","port":5696,"caFile":"ca.pem","certFile":"station.pem",
//    "keyFile":"station.key","serverName":"kms.example"}
// Validated here; the files are read when the host starts (a missing file is a clear error).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CryptoProvider } from '../crypto/provider';
import type { KeyServiceConnector } from './key-service-connector';
import { KmipClient } from './kmip/kmip-client';
import { KmipConnector } from './kmip/kmip-connector';
import { environmentView } from './key-service-settings';
import type { KeyServiceSettingsView } from '../../shared/sync';

const kmipSchema = z.strictObject({
  kind: z.literal('kmip'),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535).optional(),
  caFile: z.string().min(1),
  certFile: z.string().min(1),
  keyFile: z.string().min(1),
  serverName: z.string().min(1).max(253).optional(),
});

export type KeyServiceConfig = z.infer<typeof kmipSchema>;

export class KeyServiceConfigError extends Error {
  override readonly name = 'KeyServiceConfigError';
}

export function parseKeyServiceConfig(text: string | undefined): KeyServiceConfig | null {
  const trimmed = text?.trim();
  if (trimmed === undefined || trimmed === '' || trimmed === 'none') return null;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    throw new KeyServiceConfigError('STATION_KEY_SERVICE is neither "none" nor JSON.');
  }
  const parsed = kmipSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KeyServiceConfigError(
      `STATION_KEY_SERVICE is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
}

function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new KeyServiceConfigError(`cannot read the key service ${what} file ${path}`);
  }
}

/** The fixed key service of STATION_KEY_SERVICE: its files read now, a connector on demand. */
export function keyServiceFromConfig(config: KeyServiceConfig): {
  readonly connect: (provider: CryptoProvider) => KeyServiceConnector;
  readonly view: KeyServiceSettingsView;
} {
  const ca = readPem(config.caFile, 'CA certificate');
  const cert = readPem(config.certFile, 'client certificate');
  const key = readPem(config.keyFile, 'client key');
  return {
    view: environmentView(config, ca, cert),
    connect: (provider) =>
      new KmipConnector({
        client: new KmipClient({
          host: config.host,
          ...(config.port === undefined ? {} : { port: config.port }),
          ca,
          cert,
          key,
          ...(config.serverName === undefined ? {} : { serverName: config.serverName }),
        }),
        provider,
      }),
  };
}
