// The station master secret sealed by a passphrase: opens with the right one, not with a wrong
// one, and the sealed form holds none of the master secret's bytes.
import { describe, expect, it } from 'vitest';
import { selectProvider } from '../crypto/select-provider';
import { sealWithPassphrase, unsealWithPassphrase } from './passphrase-seal';

const provider = selectProvider(process.env);
const CHEAP = { logN: 10, r: 8, p: 1 };
const master = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle));
}

describe('passphrase seal', () => {
  it('unseals with the right passphrase only', async () => {
    const seal = await sealWithPassphrase(provider, master, 'right passphrase', CHEAP);
    expect(await unsealWithPassphrase(provider, seal, 'right passphrase')).toEqual(master);
    expect(await unsealWithPassphrase(provider, seal, 'wrong passphrase')).toBeNull();
  });

  it('records its scrypt parameters and salt, and never holds the master secret', async () => {
    const seal = await sealWithPassphrase(provider, master, 'right passphrase', CHEAP);
    expect(seal.kdf).toBe('ln=10,r=8,p=1');
    expect(seal.salt).toHaveLength(16);
    expect(contains(seal.sealed, master)).toBe(false);
    expect(contains(seal.sealed, master.subarray(0, 8))).toBe(false);
  });

  it('notices a sealed secret that was altered', async () => {
    const seal = await sealWithPassphrase(provider, master, 'right passphrase', CHEAP);
    const sealed = new Uint8Array(seal.sealed);
    sealed[20] = (sealed[20] ?? 0) ^ 1;
    expect(await unsealWithPassphrase(provider, { ...seal, sealed }, 'right passphrase')).toBeNull();
    const salt = new Uint8Array(seal.salt);
    salt[0] = (salt[0] ?? 0) ^ 1;
    expect(await unsealWithPassphrase(provider, { ...seal, salt }, 'right passphrase')).toBeNull();
    await expect(
      unsealWithPassphrase(provider, { ...seal, kdf: 'ln=99' }, 'right passphrase'),
    ).rejects.toThrow(/scrypt parameters/);
  });
});
