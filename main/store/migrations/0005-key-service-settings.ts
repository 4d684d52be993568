// Migration 5: the key service a security officer configured in Settings (KMIP over mutual TLS):
// address, pinned CA, the station's client certificate, and its private key wrapped under the
// store KEK. STATION_KEY_SERVICE, when set, takes precedence and this row is not used.
import type { Migration } from '../migrations';

export const migration0005: Migration = {
  version: 5,
  description: 'key service settings',
  sql: `
    CREATE TABLE key_service_settings (
      singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
      host            TEXT NOT NULL,
      port            INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
      server_name     TEXT,
      ca_pem          TEXT NOT NULL,
      cert_pem        TEXT NOT NULL,
      key_pem_wrapped BLOB NOT NULL,
      configured_by   TEXT NOT NULL,
      configured_at   TEXT NOT NULL
    ) STRICT;
  `,
};
