// The issuer_keys table: every issuer master key a ceremony loaded, wrapped; the newest of a
// purpose is the active one, and older ones stay as history.
import { z } from 'zod';
import type { IssuerKeyInfo } from '../../shared/ceremony';
import type { Db } from '../store/database';
import type { IssuerKeyPurpose } from './issuer-key-wrap';

export interface StoredIssuerKey {
  readonly purpose: IssuerKeyPurpose;
  readonly ceremonyId: string;
  readonly wrappedKey: Uint8Array;
  readonly kcv: string;
  readonly custodians: readonly string[];
  readonly loadedAt: string;
}

interface IssuerKeyRow {
  ceremony_id: string;
  wrapped_key: Uint8Array;
  kcv: string;
  custodians: string;
  loaded_at: string;
}

const Custodians = z.array(z.string());

export class IssuerKeyRepository {
  constructor(private readonly db: Db) {}

  insert(key: StoredIssuerKey): void {
    this.db
      .prepare(
        `INSERT INTO issuer_keys (purpose, ceremony_id, wrapped_key, kcv, custodians, loaded_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        key.purpose,
        key.ceremonyId,
        key.wrappedKey,
        key.kcv,
        JSON.stringify(key.custodians),
        key.loadedAt,
      );
  }

  /** The active key of a purpose (the newest loaded), or null before the first ceremony. */
  active(purpose: IssuerKeyPurpose): StoredIssuerKey | null {
    const row = this.db
      .prepare(
        `SELECT ceremony_id, wrapped_key, kcv, custodians, loaded_at FROM issuer_keys
         WHERE purpose = ? ORDER BY id DESC LIMIT 1`,
      )
      .get(purpose) as IssuerKeyRow | undefined;
    if (!row) return null;
    return {
      purpose,
      ceremonyId: row.ceremony_id,
      wrappedKey: new Uint8Array(row.wrapped_key),
      kcv: row.kcv,
      custodians: Custodians.parse(JSON.parse(row.custodians)),
      loadedAt: row.loaded_at,
    };
  }

  /** What the UI shows of the active key: its check value and who loaded it when, never the key. */
  activeInfo(purpose: IssuerKeyPurpose): IssuerKeyInfo | null {
    const key = this.active(purpose);
    return key
      ? { kcv: key.kcv, loadedAt: key.loadedAt, ceremonyId: key.ceremonyId, custodians: [...key.custodians] }
      : null;
  }
}
