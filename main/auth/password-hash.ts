// Operator password hashes: scrypt with a random salt, stored in the PHC string style
// "$scrypt$ln=16,r=8,p=1$<salt>$<hash>" (unpadded base64) so the parameters can be raised later;
// checked in constant time.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  formatScryptParams,
  parseScryptParams,
  SCRYPT_SALT_BYTES,
  scryptDerive,
  weakerThan,
  type ScryptParams,
} from './scrypt';

const HASH_BYTES = 32;
const PREFIX = '$scrypt$';

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}

function parse(encoded: string): ParsedHash | null {
  if (!encoded.startsWith(PREFIX)) return null;
  const [paramText, saltText, hashText, ...rest] = encoded.slice(PREFIX.length).split('$');
  if (paramText === undefined || saltText === undefined || hashText === undefined || rest.length > 0) {
    return null;
  }
  const params = parseScryptParams(paramText);
  const salt = new Uint8Array(Buffer.from(saltText, 'base64'));
  const hash = new Uint8Array(Buffer.from(hashText, 'base64'));
  if (!params || salt.length < SCRYPT_SALT_BYTES || hash.length !== HASH_BYTES) return null;
  return { params, salt, hash };
}

export async function hashPassword(password: string, params: ScryptParams): Promise<string> {
  const salt = new Uint8Array(randomBytes(SCRYPT_SALT_BYTES));
  const hash = await scryptDerive(password, salt, HASH_BYTES, params);
  return `${PREFIX}${formatScryptParams(params)}$${base64(salt)}$${base64(hash)}`;
}

/** False for a wrong password and for a stored value that is not a hash this station wrote. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const stored = parse(encoded);
  if (!stored) return false;
  const candidate = await scryptDerive(password, stored.salt, HASH_BYTES, stored.params);
  return timingSafeEqual(candidate, stored.hash);
}

/** True when the stored hash used weaker parameters than `params` (rehash at the next sign-in). */
export function needsRehash(encoded: string, params: ScryptParams): boolean {
  const stored = parse(encoded);
  return stored === null || weakerThan(stored.params, params);
}
