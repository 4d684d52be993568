// A real station data directory for the audit integration tests: migrated station.db, identity,
// the master secret sealed by a passphrase (cheap scrypt, so tests stay quick) and a sample log.
// Returns copies of the secret keys so tests can look for their bytes where they must not be.
import type { CryptoProvider } from '../crypto/provider';
import { StationSecrets } from '../secrets/station-secrets';
import { openDatabase } from '../store/database';
import { IdentityRepository } from '../store/identity-repository';
import { AuditLog } from './audit-log';
import { appendSample } from './test-audit-fixture';

export const TEST_PASSPHRASE = 'audit test passphrase';

export interface PlantedKeys {
  readonly auditMacKey: Uint8Array;
  readonly signingPrivateKey: Uint8Array;
  readonly signingPublicKey: Uint8Array;
}

export async function createStationDataDir(
  dataDir: string,
  provider: CryptoProvider,
  entries: number,
): Promise<PlantedKeys> {
  const { db } = openDatabase(dataDir);
  try {
    new IdentityRepository(db).ensure();
    const secrets = new StationSecrets({
      db,
      provider,
      keystore: null,
      passphraseScrypt: { logN: 10, r: 8, p: 1 },
    });
    const prepared = await secrets.prepareInitialisation(TEST_PASSPHRASE);
    const log = new AuditLog(db, provider, () => secrets.keys());
    secrets.commitInitialisation(prepared, () => appendSample(log, db, entries));
    const keys = secrets.keys();
    if (!keys) throw new Error('station did not unlock');
    const planted = {
      auditMacKey: Uint8Array.from(keys.auditMacKey),
      signingPrivateKey: Uint8Array.from(keys.signing.privateKey),
      signingPublicKey: Uint8Array.from(keys.signing.publicKey),
    };
    secrets.lock();
    return planted;
  } finally {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
}

/** Every form a key's bytes could take in a file or a log: raw, hex (both cases) and base64. */
export function keyForms(key: Uint8Array): Buffer[] {
  const raw = Buffer.from(key);
  return [
    raw,
    Buffer.from(raw.toString('hex')),
    Buffer.from(raw.toString('hex').toUpperCase()),
    Buffer.from(raw.toString('base64')),
  ];
}
