// The station's symmetric keys, derived from the station master secret with the SP 800-108
// HMAC-SM3 KDF under distinct labels, so neither reveals the other or the master secret.
import { kdfHmacSm3 } from '../crypto/kdf';
import type { CryptoProvider } from '../crypto/provider';

export const MASTER_SECRET_BYTES = 32;
const STORE_KEK_LABEL = new TextEncoder().encode('station store-kek v1');
const AUDIT_MAC_LABEL = new TextEncoder().encode('station audit-mac v1');
const NO_CONTEXT = new Uint8Array(0);

/** 16-byte SM4 KEK that wraps every key the station stores. */
export function deriveStoreKek(provider: CryptoProvider, masterSecret: Uint8Array): Uint8Array {
  return kdfHmacSm3(provider, { key: masterSecret, label: STORE_KEK_LABEL, context: NO_CONTEXT, length: 16 });
}

/** 32-byte HMAC-SM3 key for the audit log. */
export function deriveAuditMacKey(provider: CryptoProvider, masterSecret: Uint8Array): Uint8Array {
  return kdfHmacSm3(provider, { key: masterSecret, label: AUDIT_MAC_LABEL, context: NO_CONTEXT, length: 32 });
}
