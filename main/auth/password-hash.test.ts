// Operator password hashes: scrypt with its parameters and salt in the stored string, verified in
// constant time, upgradeable, and never containing the password.
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password-hash';
import { formatScryptParams, parseScryptParams, PASSWORD_SCRYPT, type ScryptParams } from './scrypt';

const CHEAP: ScryptParams = { logN: 10, r: 8, p: 1 };
const PASSWORD = 'correct-horse-battery';

describe('password hashes', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const encoded = await hashPassword(PASSWORD, CHEAP);
    expect(await verifyPassword(PASSWORD, encoded)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('stores parameters and a random salt, never the password', async () => {
    const a = await hashPassword(PASSWORD, CHEAP);
    const b = await hashPassword(PASSWORD, CHEAP);
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    expect(a).not.toContain(Buffer.from(PASSWORD).toString('base64').slice(0, 12));
  });

  it('treats a password the same in any Unicode normal form', async () => {
    const encoded = await hashPassword('caf\u00e9-password', CHEAP);
    expect(await verifyPassword('cafe\u0301-password', encoded)).toBe(true);
  });

  it('refuses stored values it did not write', async () => {
    for (const bad of [
      '',
      'plain',
      '$scrypt$ln=99,r=8,p=1$AAAA$BBBB',
      '$bcrypt$x',
      '$scrypt$ln=10,r=8,p=1$c2FsdA$aGFzaA',
    ]) {
      expect(await verifyPassword(PASSWORD, bad)).toBe(false);
    }
  });

  it('asks for a rehash when the stored parameters are weaker than today', async () => {
    const weak = await hashPassword(PASSWORD, CHEAP);
    expect(needsRehash(weak, CHEAP)).toBe(false);
    expect(needsRehash(weak, { ...CHEAP, logN: 11 })).toBe(true);
    expect(needsRehash(weak, { ...CHEAP, r: 16 })).toBe(true);
    expect(needsRehash('garbage', CHEAP)).toBe(true);
  });

  it('defaults to at least N = 2^15, r = 8, p = 1', () => {
    expect(PASSWORD_SCRYPT.logN).toBeGreaterThanOrEqual(15);
    expect(PASSWORD_SCRYPT.r).toBeGreaterThanOrEqual(8);
    expect(parseScryptParams(formatScryptParams(PASSWORD_SCRYPT))).toEqual(PASSWORD_SCRYPT);
  });

  it('parses only well-formed, runnable scrypt parameters', () => {
    expect(parseScryptParams('ln=17,r=8,p=1')).toEqual({ logN: 17, r: 8, p: 1 });
    for (const bad of [
      '',
      'ln=0,r=8,p=1',
      'ln=23,r=8,p=1',
      'ln=16,r=0,p=1',
      'ln=16,r=8',
      'N=65536,r=8,p=1',
    ]) {
      expect(parseScryptParams(bad)).toBeNull();
    }
  });
});
