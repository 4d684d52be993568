// Signed checkpoints: an SM2 signature (station signing key, default user ID 1234567812345678)
// over the chain hash at one entry, checkable by anyone holding the station's public key.
//   signed message = UTF-8(canonical JSON of
//                    {hash (hex), kind: "station-audit-checkpoint-v1", seq, signedAt})
import { bytesToHex } from '../crypto/bytes';
import type { CryptoProvider } from '../crypto/provider';
import { canonicalJson } from './canonical-json';

const CHECKPOINT_KIND = 'station-audit-checkpoint-v1';
/** A checkpoint is signed at every entry whose seq is a multiple of this (and on demand). */
export const CHECKPOINT_INTERVAL = 1000;

export interface CheckpointFields {
  readonly seq: number;
  readonly hash: Uint8Array;
  readonly signedAt: string;
}

export interface AuditCheckpoint extends CheckpointFields {
  /** 65-byte SM2 public key (04 || x || y) of the signer. */
  readonly publicKey: Uint8Array;
  /** DER SEQUENCE { r, s }. */
  readonly signature: Uint8Array;
}

export function checkpointMessage(fields: CheckpointFields): Uint8Array {
  return new TextEncoder().encode(
    canonicalJson({
      hash: bytesToHex(fields.hash),
      kind: CHECKPOINT_KIND,
      seq: fields.seq,
      signedAt: fields.signedAt,
    }),
  );
}

export function signCheckpoint(
  provider: CryptoProvider,
  signing: { readonly privateKey: Uint8Array; readonly publicKey: Uint8Array },
  fields: CheckpointFields,
): AuditCheckpoint {
  const signature = provider.sm2Sign(signing.privateKey, checkpointMessage(fields));
  return { ...fields, publicKey: signing.publicKey, signature };
}

/** False for a bad signature or a malformed public key. */
export function checkpointSignatureValid(provider: CryptoProvider, checkpoint: AuditCheckpoint): boolean {
  try {
    return provider.sm2Verify(checkpoint.publicKey, checkpointMessage(checkpoint), checkpoint.signature);
  } catch {
    return false;
  }
}
