// The chip profiles this station knows, in the order an inserted card is matched against them.
// Adding a vendor chip OS: write its profile file next to reference-profile.ts and list it here.
import type { CryptoProvider } from '../../crypto/provider';
import type { ChipProfile } from './chip-profile';
import { createReferenceProfile } from './reference-profile';

export function createChipProfiles(provider: CryptoProvider): readonly ChipProfile[] {
  return [createReferenceProfile({ provider })];
}

/** The first profile that recognises the ATR, or undefined for a card the station does not know. */
export function profileForAtr(profiles: readonly ChipProfile[], atr: Uint8Array): ChipProfile | undefined {
  return profiles.find((profile) => profile.recognises(atr));
}
