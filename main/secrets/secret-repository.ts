// The station_secret row: how the master secret is sealed, the sealed bytes, and the station's SM2
// signing key (public in clear, private wrapped under the store KEK). Never a key in clear.
import type { Db } from '../store/database';
import type { PassphraseSeal } from './passphrase-seal';

export type Sealing = 'safe-storage' | 'passphrase';

export type SealedMasterSecret =
  | { readonly sealing: 'safe-storage'; readonly sealed: Uint8Array }
  | ({ readonly sealing: 'passphrase' } & PassphraseSeal);

export interface StoredStationSecret {
  readonly master: SealedMasterSecret;
  readonly signingPublicKey: Uint8Array;
  readonly signingPrivateKeyWrapped: Uint8Array;
}

interface SecretRow {
  sealing: string;
  sealed_master_secret: Uint8Array;
  passphrase_kdf: string | null;
  passphrase_salt: Uint8Array | null;
  signing_public_key: Uint8Array;
  signing_private_key_wrapped: Uint8Array;
}

function bytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value);
}

export class SecretRepository {
  constructor(private readonly db: Db) {}

  exists(): boolean {
    return this.db.prepare('SELECT 1 FROM station_secret WHERE singleton = 1').get() !== undefined;
  }

  get(): StoredStationSecret | null {
    const row = this.db
      .prepare(
        `SELECT sealing, sealed_master_secret, passphrase_kdf, passphrase_salt, signing_public_key,
                signing_private_key_wrapped
         FROM station_secret WHERE singleton = 1`,
      )
      .get() as SecretRow | undefined;
    if (!row) return null;
    const sealed = bytes(row.sealed_master_secret);
    let master: SealedMasterSecret;
    if (row.sealing === 'passphrase' && row.passphrase_kdf !== null && row.passphrase_salt !== null) {
      master = { sealing: 'passphrase', sealed, kdf: row.passphrase_kdf, salt: bytes(row.passphrase_salt) };
    } else if (row.sealing === 'safe-storage') {
      master = { sealing: 'safe-storage', sealed };
    } else {
      throw new Error('The station secret row is damaged: unknown sealing.');
    }
    return {
      master,
      signingPublicKey: bytes(row.signing_public_key),
      signingPrivateKeyWrapped: bytes(row.signing_private_key_wrapped),
    };
  }

  insert(secret: StoredStationSecret, at: Date): void {
    const { master } = secret;
    this.db
      .prepare(
        `INSERT INTO station_secret (singleton, sealing, sealed_master_secret, passphrase_kdf, passphrase_salt,
           signing_public_key, signing_private_key_wrapped, created_at)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        master.sealing,
        master.sealed,
        master.sealing === 'passphrase' ? master.kdf : null,
        master.sealing === 'passphrase' ? master.salt : null,
        secret.signingPublicKey,
        secret.signingPrivateKeyWrapped,
        at.toISOString(),
      );
  }
}
