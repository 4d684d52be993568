// How one audit entry is hashed and authenticated (docs/audit.md, "Canonical encoding"):
//   hash = SM3(UTF-8(canonical JSON of {actor, at, details, prevHash, seq, subject, type}))
//   mac  = HMAC-SM3(audit MAC key, hash)
// prevHash is the lowercase hex hash of the entry before (64 zeros before the first entry), so
// each hash commits to the whole chain up to it. details is stored as its canonical JSON text and
// spliced into the hash input verbatim, so any change to the stored text changes the hash.
import { AuditDetails } from '../../shared/audit';
import { bytesToHex } from '../crypto/bytes';
import type { CryptoProvider } from '../crypto/provider';
import { canonicalJson } from './canonical-json';

const HASH_BYTES = 32;
/** prevHash of the first entry. */
export const GENESIS_HASH = new Uint8Array(HASH_BYTES);

export const MAX_ACTOR_LENGTH = 64;
export const MAX_SUBJECT_LENGTH = 128;
const MAX_DETAILS_JSON_LENGTH = 4096;
/**
 * Detail names that could only carry a secret. A last line of defence: callers must never pass key
 * material, components, passwords or passphrases under any name.
 */
const SECRET_DETAIL_NAMES = new Set([
  'password',
  'newpassword',
  'currentpassword',
  'passphrase',
  'secret',
  'mastersecret',
  'key',
  'privatekey',
  'component',
  'plaintext',
  'pin',
]);

export interface EntryFields {
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly actor: string;
  readonly subject: string | null;
  /** The canonical JSON text of the details object. */
  readonly detailsJson: string;
  readonly prevHash: Uint8Array;
}

/** The exact text whose UTF-8 bytes SM3 hashes (keys in canonical order; details verbatim). */
export function entryHashInput(fields: EntryFields): string {
  return (
    `{"actor":${JSON.stringify(fields.actor)},"at":${JSON.stringify(fields.at)},` +
    `"details":${fields.detailsJson},"prevHash":"${bytesToHex(fields.prevHash)}",` +
    `"seq":${canonicalJson(fields.seq)},"subject":${JSON.stringify(fields.subject)},` +
    `"type":${JSON.stringify(fields.type)}}`
  );
}

const encoder = new TextEncoder();

export function hashEntry(provider: CryptoProvider, fields: EntryFields): Uint8Array {
  return provider.sm3(encoder.encode(entryHashInput(fields)));
}

export function macEntryHash(provider: CryptoProvider, macKey: Uint8Array, hash: Uint8Array): Uint8Array {
  return provider.hmacSm3(macKey, hash);
}

/**
 * Checks an entry's details (flat facts, finite numbers, no secret-looking names, bounded size) and
 * returns their canonical JSON text. Errors name the offending detail, never its value.
 */
export function canonicalDetails(details: unknown): string {
  const parsed = AuditDetails.safeParse(details);
  if (!parsed.success)
    throw new Error('audit details must be a flat object of strings, numbers, booleans or null');
  for (const name of Object.keys(parsed.data)) {
    if (SECRET_DETAIL_NAMES.has(name.toLowerCase())) {
      throw new Error(`audit detail '${name}' is not allowed: entries never hold secrets`);
    }
  }
  const json = canonicalJson(parsed.data);
  if (json.length > MAX_DETAILS_JSON_LENGTH) {
    throw new Error(`audit details are too long (${json.length} > ${MAX_DETAILS_JSON_LENGTH} characters)`);
  }
  return json;
}
