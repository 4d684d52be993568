// The key service entered in Settings: validated at the edge (the CA and client certificates
// parse, the private key parses and belongs to the client certificate), stored with the private
// key wrapped under the store KEK (associated data names its purpose), and turned into a KMIP
// connector. The view never carries the private key.
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import type { KeyServiceSettingsInput, KeyServiceSettingsView } from '../../shared/sync';
import { unwrapKey, wrapKey } from '../crypto/key-wrap';
import type { CryptoProvider } from '../crypto/provider';
import type { Db } from '../store/database';
import type { KeyServiceConfig } from './key-service-config';
import type { KmipClientOptions } from './kmip/kmip-client';

const KEY_AAD = new TextEncoder().encode('station key-service client-key v1');

export class KeyServiceSettingsError extends Error {
  override readonly name = 'KeyServiceSettingsError';
}

interface SettingsRow {
  host: string;
  port: number;
  server_name: string | null;
  ca_pem: string;
  cert_pem: string;
  key_pem_wrapped: Uint8Array;
  configured_by: string;
  configured_at: string;
}

function certificate(pem: string, what: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new KeyServiceSettingsError(`The ${what} is not a PEM certificate.`);
  }
}

/** Checks what an officer entered; the messages name the field, never its content. */
export function checkKeyServiceSettings(input: KeyServiceSettingsInput): void {
  certificate(input.caPem, 'CA certificate');
  const cert = certificate(input.certPem, 'client certificate');
  let key;
  try {
    key = createPrivateKey(input.keyPem);
  } catch {
    throw new KeyServiceSettingsError('The client private key is not a PEM private key (unencrypted).');
  }
  if (!cert.checkPrivateKey(key)) {
    throw new KeyServiceSettingsError('The client private key does not belong to the client certificate.');
  }
}

function viewOf(
  source: KeyServiceSettingsView['source'],
  s: { host: string; port: number; serverName: string | null; caPem: string; certPem: string } | null,
  by: string | null,
  at: string | null,
): KeyServiceSettingsView {
  if (!s) {
    return {
      source,
      host: null,
      port: null,
      serverName: null,
      caSubject: null,
      caFingerprint: null,
      certSubject: null,
      certNotAfter: null,
      configuredBy: null,
      configuredAt: null,
    };
  }
  const ca = new X509Certificate(s.caPem);
  const cert = new X509Certificate(s.certPem);
  return {
    source,
    host: s.host,
    port: s.port,
    serverName: s.serverName,
    caSubject: ca.subject,
    caFingerprint: createHash('sha256').update(ca.raw).digest('hex'),
    certSubject: cert.subject,
    certNotAfter: new Date(cert.validTo).toISOString(),
    configuredBy: by,
    configuredAt: at,
  };
}

export class KeyServiceSettingsRepository {
  constructor(
    private readonly db: Db,
    private readonly provider: CryptoProvider,
  ) {}

  save(input: KeyServiceSettingsInput, storeKek: Uint8Array, by: string, at: string): void {
    checkKeyServiceSettings(input);
    const wrapped = wrapKey(this.provider, storeKek, new TextEncoder().encode(input.keyPem), KEY_AAD);
    this.db
      .prepare(
        `INSERT INTO key_service_settings
           (singleton, host, port, server_name, ca_pem, cert_pem, key_pem_wrapped, configured_by, configured_at)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (singleton) DO UPDATE SET host = excluded.host, port = excluded.port,
           server_name = excluded.server_name, ca_pem = excluded.ca_pem, cert_pem = excluded.cert_pem,
           key_pem_wrapped = excluded.key_pem_wrapped, configured_by = excluded.configured_by,
           configured_at = excluded.configured_at`,
      )
      .run(input.host, input.port, input.serverName ?? null, input.caPem, input.certPem, wrapped, by, at);
  }

  private row(): SettingsRow | null {
    return (
      (this.db.prepare(`SELECT * FROM key_service_settings WHERE singleton = 1`).get() as
        SettingsRow | undefined) ?? null
    );
  }

  /** KMIP client options from the stored settings (the private key unwrapped), or null. */
  clientOptions(storeKek: Uint8Array): KmipClientOptions | null {
    const row = this.row();
    if (!row) return null;
    const key = unwrapKey(this.provider, storeKek, new Uint8Array(row.key_pem_wrapped), KEY_AAD);
    try {
      return {
        host: row.host,
        port: row.port,
        ...(row.server_name === null ? {} : { serverName: row.server_name }),
        ca: row.ca_pem,
        cert: row.cert_pem,
        key: new TextDecoder().decode(key),
      };
    } finally {
      key.fill(0);
    }
  }

  view(): KeyServiceSettingsView {
    const row = this.row();
    return viewOf(
      row ? 'settings' : 'none',
      row
        ? {
            host: row.host,
            port: row.port,
            serverName: row.server_name,
            caPem: row.ca_pem,
            certPem: row.cert_pem,
          }
        : null,
      row?.configured_by ?? null,
      row?.configured_at ?? null,
    );
  }
}

/** The view of a configuration from STATION_KEY_SERVICE (its files already read). */
export function environmentView(
  config: KeyServiceConfig,
  caPem: string,
  certPem: string,
): KeyServiceSettingsView {
  return viewOf(
    'environment',
    { host: config.host, port: config.port ?? 5696, serverName: config.serverName ?? null, caPem, certPem },
    null,
    null,
  );
}
