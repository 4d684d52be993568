// The station master secret and the keys it unlocks (store KEK, audit MAC key, SM2 signing key).
// Initialisation is two-phase: prepareInitialisation does the slow work (key generation, scrypt),
// commitInitialisation stores the result inside one transaction with whatever the caller adds
// (the first officer, the audit entries). The master secret is sealed by the OS keystore when the
// host has one, by a passphrase otherwise, and is never stored or kept in memory in clear: only
// the keys derived from it are held, and only while unlocked.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { unwrapKey, wrapKey } from '../crypto/key-wrap';
import type { CryptoProvider, Sm2KeyPair } from '../crypto/provider';
import { PASSPHRASE_SCRYPT, type ScryptParams } from '../auth/scrypt';
import { Refusal } from '../auth/refusal';
import type { Db } from '../store/database';
import type { OsKeystore } from './os-keystore';
import { sealWithPassphrase, unsealWithPassphrase } from './passphrase-seal';
import {
  SecretRepository,
  type Sealing,
  type SealedMasterSecret,
  type StoredStationSecret,
} from './secret-repository';
import { deriveAuditMacKey, deriveStoreKek, MASTER_SECRET_BYTES } from './station-key-derivation';
import type { SecretState, StationKeys } from './station-keys';

export type { Sealing };

const SIGNING_KEY_AAD = new TextEncoder().encode('station signing-key v1 sm2-private');
const SIGNING_PROBE = new TextEncoder().encode('station signing-key self-check');

export interface StationSecretsOptions {
  readonly db: Db;
  readonly provider: CryptoProvider;
  /** Electron's safeStorage where the host has it; null seals by passphrase. */
  readonly keystore: OsKeystore | null;
  /** scrypt parameters for a new passphrase seal (stored with it); strong by default. */
  readonly passphraseScrypt?: ScryptParams;
  /** Source of the master secret; tests pass a recorder to look for its bytes on disk. */
  readonly randomBytes?: (length: number) => Uint8Array;
  readonly now?: () => Date;
}

/** What a new station will store; commit it with StationSecrets.commitInitialisation. */
export class PreparedInitialisation {
  private taken = false;
  constructor(
    private readonly stored: StoredStationSecret,
    private readonly keys: StationKeys,
  ) {}

  get sealing(): Sealing {
    return this.stored.master.sealing;
  }

  /** The station's SM2 public key (65 bytes, uncompressed), safe to show and audit. */
  get signingPublicKey(): Uint8Array {
    return this.stored.signingPublicKey;
  }

  /** Hands the prepared secret over once; a second commit is a programming error. */
  take(): { stored: StoredStationSecret; keys: StationKeys } {
    if (this.taken) throw new Error('This station initialisation was already committed.');
    this.taken = true;
    return { stored: this.stored, keys: this.keys };
  }
}

function wipeKeys(keys: StationKeys): void {
  keys.storeKek.fill(0);
  keys.auditMacKey.fill(0);
  keys.signing.privateKey.fill(0);
}

function deriveKeys(provider: CryptoProvider, masterSecret: Uint8Array, signing: Sm2KeyPair): StationKeys {
  return {
    storeKek: deriveStoreKek(provider, masterSecret),
    auditMacKey: deriveAuditMacKey(provider, masterSecret),
    signing,
  };
}

export class StationSecrets {
  private readonly db: Db;
  private readonly repository: SecretRepository;
  private readonly provider: CryptoProvider;
  private readonly keystore: OsKeystore | null;
  private readonly passphraseScrypt: ScryptParams;
  private readonly randomBytes: (length: number) => Uint8Array;
  private readonly now: () => Date;
  private unlocked: StationKeys | null = null;

  constructor(options: StationSecretsOptions) {
    this.db = options.db;
    this.repository = new SecretRepository(options.db);
    this.provider = options.provider;
    this.keystore = options.keystore;
    this.passphraseScrypt = options.passphraseScrypt ?? PASSPHRASE_SCRYPT;
    this.randomBytes = options.randomBytes ?? ((length) => new Uint8Array(nodeRandomBytes(length)));
    this.now = options.now ?? (() => new Date());
  }

  /** How the master secret is (or, before set-up, will be) sealed at rest. */
  get sealing(): Sealing {
    return this.repository.get()?.master.sealing ?? (this.keystore ? 'safe-storage' : 'passphrase');
  }

  state(): SecretState {
    if (this.unlocked) return 'unlocked';
    return this.repository.exists() ? 'locked' : 'uninitialised';
  }

  /** The unlocked keys, or null. lock() overwrites them: read them per use, never keep them. */
  keys(): StationKeys | null {
    return this.unlocked;
  }

  /** The unlocked keys, or a refusal the operator understands while the station is not unlocked. */
  requireKeys(): StationKeys {
    if (this.unlocked) return this.unlocked;
    if (!this.repository.exists()) throw new Refusal('station-locked', 'This station is not set up yet.');
    throw new Refusal(
      'station-locked',
      this.sealing === 'passphrase'
        ? 'The station is locked: unlock it with the station passphrase first.'
        : 'The station is locked: restart the station app on this computer to unlock it.',
    );
  }

  /**
   * Makes a new master secret, the keys under it and the SM2 signing key pair, and seals the
   * master secret: by the OS keystore (passphrase refused), or by the passphrase (required).
   */
  async prepareInitialisation(passphrase?: string): Promise<PreparedInitialisation> {
    if (this.state() !== 'uninitialised') throw new Refusal('conflict', 'This station is already set up.');
    const seal = this.sealerFor(passphrase);
    const masterSecret = this.randomBytes(MASTER_SECRET_BYTES);
    try {
      const signing = this.provider.sm2GenerateKeyPair();
      const keys = deriveKeys(this.provider, masterSecret, signing);
      const master = await seal(masterSecret);
      return new PreparedInitialisation(
        {
          master,
          signingPublicKey: signing.publicKey,
          signingPrivateKeyWrapped: wrapKey(
            this.provider,
            keys.storeKek,
            signing.privateKey,
            SIGNING_KEY_AAD,
          ),
        },
        keys,
      );
    } finally {
      masterSecret.fill(0);
    }
  }

  /**
   * In one transaction: stores the prepared secret, unlocks the station with its keys (so the
   * caller's work can append audit entries) and runs `work`. If anything throws, nothing is
   * stored and the station is uninitialised again.
   */
  commitInitialisation<T>(prepared: PreparedInitialisation, work: () => T): T {
    const { stored, keys } = prepared.take();
    try {
      return this.db.transaction(() => {
        if (this.state() !== 'uninitialised') {
          throw new Refusal('conflict', 'This station is already set up.');
        }
        this.repository.insert(stored, this.now());
        this.unlocked = keys;
        return work();
      })();
    } catch (error) {
      if (this.unlocked === keys) this.unlocked = null;
      wipeKeys(keys);
      throw error;
    }
  }

  /**
   * Unseals the master secret (OS keystore, or the passphrase) and derives the station keys.
   * False for a wrong passphrase; true when unlocked (or already unlocked).
   */
  async unlock(passphrase?: string): Promise<boolean> {
    if (this.unlocked) return true;
    const stored = this.repository.get();
    if (!stored) throw new Refusal('conflict', 'This station is not set up yet.');
    const masterSecret = await this.unseal(stored.master, passphrase);
    if (!masterSecret) return false;
    try {
      const keys = this.openKeys(stored, masterSecret);
      if (this.keys()) {
        wipeKeys(keys);
      } else {
        this.unlocked = keys;
      }
      return true;
    } finally {
      masterSecret.fill(0);
    }
  }

  /** Forgets the keys, overwriting them first. */
  lock(): void {
    if (this.unlocked) wipeKeys(this.unlocked);
    this.unlocked = null;
  }

  /** How a new master secret will be sealed: the OS keystore (no passphrase), else the passphrase. */
  private sealerFor(
    passphrase: string | undefined,
  ): (masterSecret: Uint8Array) => Promise<SealedMasterSecret> {
    const keystore = this.keystore;
    if (keystore) {
      if (passphrase !== undefined) {
        throw new Refusal(
          'bad-request',
          'This station seals its master secret with the operating system keystore: leave the station passphrase empty.',
        );
      }
      return (masterSecret) =>
        Promise.resolve({ sealing: 'safe-storage', sealed: keystore.seal(masterSecret) });
    }
    if (passphrase === undefined) {
      throw new Refusal(
        'bad-request',
        'This station has no operating system keystore: choose a station passphrase to seal its master secret.',
      );
    }
    return async (masterSecret) => ({
      sealing: 'passphrase',
      ...(await sealWithPassphrase(this.provider, masterSecret, passphrase, this.passphraseScrypt)),
    });
  }

  private async unseal(
    master: SealedMasterSecret,
    passphrase: string | undefined,
  ): Promise<Uint8Array | null> {
    if (master.sealing === 'safe-storage') {
      if (!this.keystore) {
        throw new Refusal(
          'rule-violation',
          "This station's master secret is sealed by the operating system keystore: start the station app on this computer to unlock it.",
        );
      }
      return this.keystore.unseal(master.sealed);
    }
    if (passphrase === undefined) {
      throw new Refusal('bad-request', 'Enter the station passphrase to unlock the station.');
    }
    return unsealWithPassphrase(this.provider, master, passphrase);
  }

  /** Derives the keys and opens the signing key; a damaged secret fails here, never silently. */
  private openKeys(stored: StoredStationSecret, masterSecret: Uint8Array): StationKeys {
    const storeKek = deriveStoreKek(this.provider, masterSecret);
    let privateKey: Uint8Array;
    try {
      privateKey = unwrapKey(this.provider, storeKek, stored.signingPrivateKeyWrapped, SIGNING_KEY_AAD);
    } catch (error) {
      storeKek.fill(0);
      throw new Error(
        'The station secret is damaged: its signing key does not open under its master secret.',
        {
          cause: error,
        },
      );
    }
    const keys: StationKeys = {
      storeKek,
      auditMacKey: deriveAuditMacKey(this.provider, masterSecret),
      signing: { privateKey, publicKey: stored.signingPublicKey },
    };
    const probe = this.provider.sm2Sign(privateKey, SIGNING_PROBE);
    if (!this.provider.sm2Verify(keys.signing.publicKey, SIGNING_PROBE, probe)) {
      wipeKeys(keys);
      throw new Error('The station secret is damaged: its signing key pair does not match.');
    }
    return keys;
  }
}
