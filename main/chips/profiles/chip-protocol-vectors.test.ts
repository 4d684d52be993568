// The test vectors printed in docs/chip-protocol.md, recomputed: the doc's inputs go through the
// station's profile and the emulated chip over a recording transport under both providers, and
// every named value and APDU must come out exactly as the doc prints it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../crypto/bytes';
import { jsProvider } from '../../crypto/js-provider';
import { nativeProvider } from '../../crypto/native-provider';
import { createReferenceChip } from '../../../sim/chip/applet/reference-chip';
import { inProcessTransport } from '../../../sim/chip/in-process-transport';
import {
  sessionContext,
  deriveSessionKeys,
  cardCryptogram,
  hostCryptogram,
} from '../secure-channel/session-keys';
import { keyProof, poolCheckMac, poolSecret } from './pool-proofs';
import { createReferenceProfile } from './reference-profile';
import { Ins } from './reference-protocol';

const DOC = new URL('../../../docs/chip-protocol.md', import.meta.url);

/** The `name: hex` lines of the doc's ```vectors block. */
function docVectors(): Record<string, string> {
  const text = readFileSync(DOC, 'utf8');
  const block = /```vectors\n([\s\S]*?)```/.exec(text)?.[1];
  if (block === undefined) throw new Error('docs/chip-protocol.md has no vectors block');
  const entries = block
    .split('\n')
    .map((line) => /^([a-z0-9-]+):\s+([0-9a-f ]+)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1] ?? '', (m[2] ?? '').replace(/ /g, '')] as const);
  return Object.fromEntries(entries);
}

const INPUTS = [
  'kmc',
  'serial',
  'host-challenge',
  'card-challenge',
  'key-0',
  'key-1',
  'pool-challenge',
  'prove-challenge',
];
const INS_NAMES = new Map<number, string>([
  [Ins.initializeUpdate, 'initialize-update'],
  [Ins.externalAuthenticate, 'external-authenticate'],
  [Ins.putKeys, 'put-keys'],
  [Ins.checkPool, 'check-pool'],
  [Ins.proveKey, 'prove-key'],
]);

describe.each([nativeProvider, jsProvider])('$name provider: docs/chip-protocol.md vectors', (provider) => {
  it('reproduces every value and APDU the doc prints', async () => {
    const doc = docVectors();
    const input = (name: string): Uint8Array => hexToBytes(doc[name] ?? '');
    const kmc = input('kmc');
    const serial = doc.serial ?? '';
    const chip = createReferenceChip({
      provider,
      serial,
      personalisation: { kmc },
      random: () => input('card-challenge'),
    });
    const hostRandoms = [input('host-challenge'), input('pool-challenge'), input('prove-challenge')];
    const profile = createReferenceProfile({
      provider,
      random: () => hostRandoms.shift() ?? new Uint8Array(0),
    });
    const inner = inProcessTransport(chip, { extendedLength: false });
    const out: Record<string, string> = {};
    const transport = {
      extendedLength: false,
      async transmit(command: Uint8Array) {
        const response = await inner.transmit(command);
        const name = INS_NAMES.get(command[1] ?? 0);
        if (name !== undefined) {
          out[`${name}-command`] = bytesToHex(command);
          out[`${name}-response`] = bytesToHex(response);
        }
        return response;
      },
    };

    const keys = profile.deriveStaticKeys(kmc, serial);
    Object.assign(out, {
      'k-enc': bytesToHex(keys.enc),
      'k-mac': bytesToHex(keys.mac),
      'k-dek': bytesToHex(keys.dek),
    });
    const context = sessionContext(input('host-challenge'), input('card-challenge'));
    const session = deriveSessionKeys(provider, keys, context);
    Object.assign(out, {
      's-enc': bytesToHex(session.sEnc),
      's-mac': bytesToHex(session.sMac),
      's-rmac': bytesToHex(session.sRmac),
      'card-cryptogram': bytesToHex(cardCryptogram(provider, session.sMac, context)),
      'host-cryptogram': bytesToHex(hostCryptogram(provider, session.sMac, context)),
    });
    const pool = [
      { index: 0, key: input('key-0') },
      { index: 1, key: input('key-1') },
    ];
    const keyData = provider.sm4EncryptEcb(
      keys.dek,
      hexToBytes(`${doc['key-0'] ?? ''}${doc['key-1'] ?? ''}`),
    );
    out['put-keys-key-data'] = bytesToHex(keyData);
    const secret = poolSecret(provider, pool);
    Object.assign(out, {
      'pool-secret': bytesToHex(secret),
      'pool-check-mac': bytesToHex(poolCheckMac(provider, secret, input('pool-challenge'))),
      'pool-digest': bytesToHex(profile.poolDigest(pool)),
      'key-proof': bytesToHex(keyProof(provider, input('key-1'), 1, input('prove-challenge'))),
    });

    const channel = await profile.openSecureChannel(transport, keys, serial);
    await profile.putKeys(channel, pool);
    expect((await profile.checkPool(channel, pool)).ok).toBe(true);
    expect(await profile.proveKey(channel, 1, input('key-1'))).toBe(true);

    const expected = Object.fromEntries(Object.entries(doc).filter(([name]) => !INPUTS.includes(name)));
    expect(out).toEqual(expected);
  });
});
