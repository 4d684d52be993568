// The operating system's keystore as the station uses it: seal and unseal a few bytes under a key
// the OS keeps for this user. The Electron host implements it with safeStorage; hosts without
// one pass null and the station master secret is sealed by a passphrase instead.

export interface OsKeystore {
  /** Encrypts `bytes` under the OS user's key; the result is safe to store on disk. */
  seal(bytes: Uint8Array): Uint8Array;
  /** Reverses seal; throws when the blob was not sealed by this OS user's keystore. */
  unseal(sealed: Uint8Array): Uint8Array;
}
