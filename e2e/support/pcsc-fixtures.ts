// Fixtures for tests that put emulated chips in real readers: `pcscLab` is a private pcscd with
// vpcd readers (test/support/pcsc-lab.ts) started before the station, and the station's process
// is pointed at it (PCSCLITE_CSOCK_NAME, STATION_READERS=pcsc). The lab is left in this process's
// environment untouched (applyToProcess: false): only the station talks to pcscd; the test inserts
// and pulls cards through `lab.attach(slot, card)`. The lab stops after the station.
import { startPcscLab, type PcscLab } from '../../test/support/pcsc-lab';
import { test as base } from './fixtures';

export interface PcscFixtures {
  /** Reader slots of the lab (default 2: "Virtual PCD A 00 00" and "Virtual PCD A 00 01"). */
  pcscLabSlots: number;
  pcscLab: PcscLab;
}

export const test = base.extend<PcscFixtures>({
  pcscLabSlots: [2, { option: true }],
  pcscLab: async ({ pcscLabSlots }, use) => {
    const lab = await startPcscLab({ slots: pcscLabSlots, applyToProcess: false });
    await use(lab);
    await lab.stop();
  },
  stationEnv: async ({ stationEnv, pcscLab }, use) => {
    await use({ ...stationEnv, ...pcscLab.env, STATION_READERS: 'pcsc' });
  },
});

export { expect } from '@playwright/test';
