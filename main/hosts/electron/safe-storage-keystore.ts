// The OS keystore behind Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet) sealing the
// station master secret. Null where it would not protect anything (no keystore, or Linux's
// 'basic_text' backend with its hard-coded key): the station then asks for a passphrase.
import { safeStorage } from 'electron';
import type { OsKeystore } from '../../secrets/os-keystore';

export function safeStorageKeystore(): OsKeystore | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    seal: (bytes) => safeStorage.encryptString(Buffer.from(bytes).toString('base64')),
    unseal: (sealed) => Buffer.from(safeStorage.decryptString(Buffer.from(sealed)), 'base64'),
  };
}
