// Station keys handed from an integration test to the child process it starts (and kills), through
// a file in the test's scratch directory. Test keys only, never a station's.
import { readFileSync, writeFileSync } from 'node:fs';
import { bytesToHex, hexToBytes } from '../crypto/bytes';
import type { StationKeys } from '../secrets/station-keys';

export function writeChildKeys(path: string, keys: StationKeys): void {
  writeFileSync(
    path,
    JSON.stringify({
      storeKek: bytesToHex(keys.storeKek),
      auditMacKey: bytesToHex(keys.auditMacKey),
      privateKey: bytesToHex(keys.signing.privateKey),
      publicKey: bytesToHex(keys.signing.publicKey),
    }),
    { mode: 0o600 },
  );
}

export function readChildKeys(path: string): StationKeys {
  const k = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  const bytes = (name: string): Uint8Array => hexToBytes(k[name] ?? '');
  return {
    storeKek: bytes('storeKek'),
    auditMacKey: bytes('auditMacKey'),
    signing: { privateKey: bytes('privateKey'), publicKey: bytes('publicKey') },
  };
}
