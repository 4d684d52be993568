// The fill line through the web host in Chromium, on the real PC/SC stack: a private pcscd with
// two vpcd readers, reference chips emulated in this process as virtual cards, a QRNG stream
// emulator on a FIFO (so nothing is simulated). Officers set up the station and load the issuer key
// in the UI; an operator runs a batch of two on both readers at once, sees a third chip refused,
// then a new batch where a lying chip fails its proofs and a chip pulled during PUT KEYS fails; the
// pulled chip put back is refused until a supervisor authorises its re-fill in the UI, after which
// it fills; the Verify screen proves it genuine.
import { selectProvider } from '../main/crypto/select-provider';
import { createReferenceChip, type ReferenceChip } from '../sim/chip/applet/reference-chip';
import type { ReferenceChipFaults } from '../sim/chip/applet/reference-chip-faults';
import { startFifoEmulator, type StreamEmulator } from '../sim/qrng/stream-emulator';
import type { LabAttachedCard } from '../test/support/pcsc-lab';
import { FillLinePage } from './support/fill-line-page';
import { expect, test as base } from './support/pcsc-fixtures';
import {
  addOperator,
  completeFirstRun,
  enterCeremonyComponent,
  kcvOf,
  kcvPattern,
  signIn,
  signOut,
} from './support/station-flows';

const BOB = {
  username: 'bob',
  displayName: 'Bob Custodian',
  roles: ['security_officer'],
  password: 'bob-password-12',
};
const OLGA = {
  username: 'olga',
  displayName: 'Olga Operator',
  roles: ['operator'],
  password: 'olga-password-1',
};
const SAM = {
  username: 'sam',
  displayName: 'Sam Supervisor',
  roles: ['supervisor'],
  password: 'sam-password-12',
};
const COMPONENT_A = '0123456789abcdeffedcba9876543210';
const COMPONENT_B = '00112233445566778899aabbccddeeff';
/** The issuer master key the ceremony loads (A XOR B): the chips are personalised with it. */
const KMC = Buffer.from(COMPONENT_A, 'hex').map((x, i) => x ^ Buffer.from(COMPONENT_B, 'hex')[i]!);

const SERIAL = {
  first: '00000000000000a1',
  second: '00000000000000b2',
  beyondCount: '00000000000000c3',
  liar: '00000000000000d4',
  pulled: '00000000000000e5',
};
const POOL = 32;

const provider = selectProvider();

function chip(serial: string, faults: Partial<ReferenceChipFaults> = {}): ReferenceChip {
  return createReferenceChip({ provider, serial, personalisation: { kmc: KMC }, capacity: 256, faults });
}

const test = base.extend<{ qrng: StreamEmulator }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from the pattern
  qrng: async ({}, use) => {
    const emulator = await startFifoEmulator({ seed: 'e2e-fill-line' });
    await use(emulator);
    await emulator.stop();
  },
  stationEntropy: async ({ qrng }, use) => {
    await use(JSON.stringify({ kind: 'stream', path: qrng.path, checkAttempts: 5 }));
  },
});

// No fixture is asked for here, so the electron project starts neither a lab nor a QRNG to skip.
// eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from the pattern
test.beforeEach(({}, testInfo) => {
  testInfo.skip(
    testInfo.project.name === 'electron',
    'The PC/SC lab (private pcscd + vpcd) and the emulated QRNG are wired to the web host process.',
  );
});

test('a batch on both readers, a pulled chip, a lying chip, a re-fill refused then authorised', async ({
  stationPage: page,
  statusPage,
  pcscLab: lab,
}, testInfo) => {
  test.setTimeout(150_000);
  const [readerA, readerB] = lab.readers as [string, string];
  const line = new FillLinePage(page);
  const cards: LabAttachedCard[] = [];
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  /** Takes every card out and waits until the UI shows both readers empty. */
  const emptyReaders = async () => {
    for (const card of cards.splice(0)) await card.detach();
    await line.expectEmpty(readerA);
    await line.expectEmpty(readerB);
  };

  await test.step('officers set up the station, its operators and the issuer key', async () => {
    await statusPage.switchLanguage('en');
    await completeFirstRun(page);
    await addOperator(page, BOB);
    await addOperator(page, SAM);
    await addOperator(page, OLGA);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-open-ceremony').click();
    await page.getByTestId('ceremony-count-2').click();
    await page.getByTestId('ceremony-start').click();
    await enterCeremonyComponent(page, COMPONENT_A);
    await expect(page.getByTestId('ceremony-accepted')).toBeVisible();
    await signOut(page);
    await signIn(page, BOB.username, BOB.password);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-open-ceremony').click();
    await enterCeremonyComponent(page, COMPONENT_B);
    await expect(page.getByTestId('ceremony-combined-kcv')).toHaveText(
      kcvPattern(kcvOf(Buffer.from(KMC).toString('hex'))),
    );
    await signOut(page);
  });

  await test.step('the operator sees both readers and a ready QRNG', async () => {
    await signIn(page, OLGA.username, OLGA.password);
    await statusPage.open('devices');
    await expect(page.getByTestId('devices-transport')).toHaveAttribute('data-available', 'true');
    for (const reader of [readerA, readerB]) {
      await expect(page.locator(`[data-testid^="devices-reader-"][data-reader="${reader}"]`)).toHaveAttribute(
        'data-card',
        'absent',
      );
    }
    const pool = page.getByTestId('entropy-source-qrng-0').getByTestId('entropy-pool-state');
    await expect(pool).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(page.getByTestId('simulation-banner')).toHaveCount(0);
  });

  await test.step('a batch of two fills a chip on each reader at the same time', async () => {
    await line.open();
    await line.startBatch({ workOrder: 'WO-E2E-1', chips: 2, poolSize: POOL });
    await expect(line.batchPanel).toHaveAttribute('data-simulated', 'false');
    await expect(line.tile(readerA)).toHaveAttribute('data-state', 'insert');
    await expect(line.tile(readerB)).toHaveAttribute('data-state', 'insert');
    await line.watchConcurrentFills();
    // A little slowness per answer keeps each fill on screen long enough to be seen running.
    const slow = { slowMs: 40 };
    cards.push(
      ...(await Promise.all([
        lab.attach(0, chip(SERIAL.first, slow)),
        lab.attach(1, chip(SERIAL.second, slow)),
      ])),
    );
    for (const [reader, serial] of [
      [readerA, SERIAL.first],
      [readerB, SERIAL.second],
    ] as const) {
      const tile = line.tile(reader);
      await expect(tile).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
      await expect(tile).toHaveAttribute('data-result', 'done');
      await expect(tile.getByTestId('reader-serial')).toHaveAttribute('data-serial', serial);
    }
    expect(await line.maxRunningTiles()).toBe(2);
    await expect(line.counter('filled')).toHaveAttribute('data-value', '2');
    await expect(line.counter('failed')).toHaveAttribute('data-value', '0');
    await expect(line.batchPanel).toHaveAttribute('data-state', 'complete');
    await shot('batch-1-complete');
  });

  await test.step('a third chip beyond the work order is refused on its tile', async () => {
    await cards.shift()!.detach();
    await line.expectEmpty(readerA);
    await expect(line.tile(readerA)).toHaveAttribute('data-state', 'complete');
    cards.unshift(await lab.attach(0, chip(SERIAL.beyondCount)));
    const tile = line.tile(readerA);
    await expect(tile).toHaveAttribute('data-state', 'failed');
    await expect(tile).toHaveAttribute('data-failure-code', 'OVERPRODUCTION');
    await expect(tile.getByTestId('reader-serial')).toHaveAttribute('data-serial', SERIAL.beyondCount);
    await expect(line.counter('refused')).toHaveAttribute('data-value', '1');
    await expect(line.counter('filled')).toHaveAttribute('data-value', '2');
    await shot('batch-1-overproduction');
  });

  const pulled = chip(SERIAL.pulled, { removeDuringCommand: { command: 'putKeys', occurrence: 1 } });
  await test.step('a lying chip fails its proofs; a chip pulled during PUT KEYS fails', async () => {
    await emptyReaders();
    await line.startBatch({ workOrder: 'WO-E2E-2', chips: 5, poolSize: POOL });
    await expect(line.counter('filled')).toHaveAttribute('data-value', '0');
    cards.push(
      ...(await Promise.all([lab.attach(0, chip(SERIAL.liar, { lieAboutKey: 5 })), lab.attach(1, pulled)])),
    );
    const liarTile = line.tile(readerA);
    await expect(liarTile).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
    await expect(liarTile).toHaveAttribute('data-failure-code', /^(POOL_MISMATCH|KEY_PROOF_FAILED)$/);
    await expect(liarTile.getByTestId('reader-failure')).toBeVisible();
    const pulledTile = line.tile(readerB);
    await expect(pulledTile).toHaveAttribute('data-failure-code', 'CARD_REMOVED', { timeout: 30_000 });
    await expect(pulledTile).toHaveAttribute('data-state', 'failed');
    await expect(pulledTile).toHaveAttribute('data-card', 'absent');
    await expect(line.counter('failed')).toHaveAttribute('data-value', '2');
    await expect(line.counter('filled')).toHaveAttribute('data-value', '0');
    await shot('batch-2-liar-and-pulled');
  });

  await test.step('the pulled chip put back is refused until a supervisor authorises it', async () => {
    await cards[1]!.insert();
    const tile = line.tile(readerB);
    await expect(tile).toHaveAttribute('data-failure-code', 'REFILL_NEEDS_AUTHORISATION');
    await expect(tile).toHaveAttribute('data-card', 'present');
    await expect(tile.getByTestId('reader-serial')).toHaveAttribute('data-serial', SERIAL.pulled);
    // The operator may not authorise it: no button on the tile, no form.
    await expect(tile.getByTestId('reader-authorise-refill')).toHaveCount(0);
    await expect(page.getByTestId('refill-access')).toBeVisible();
    await expect(page.getByTestId('refill-form')).toHaveCount(0);
    await shot('batch-2-refill-refused');
  });

  await test.step('the supervisor authorises the re-fill; put back, the chip fills', async () => {
    await signOut(page);
    await signIn(page, SAM.username, SAM.password);
    await line.open();
    await line.authoriseRefillFromTile(readerB, SERIAL.pulled, 'pulled during PUT KEYS at e2e');
    await expect(line.tile(readerB).getByTestId('reader-authorise-refill')).toHaveCount(0);
    await shot('batch-2-refill-authorised');

    await cards[1]!.remove();
    await line.expectEmpty(readerB);
    await cards[1]!.insert();
    const tile = line.tile(readerB);
    await expect(tile).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(tile.getByTestId('reader-serial')).toHaveAttribute('data-serial', SERIAL.pulled);
    await expect(line.counter('filled')).toHaveAttribute('data-value', '1');
    await expect(page.getByTestId('refill-authorised')).toHaveCount(0);
    expect(pulled.state().lifecycle).toBe('locked');
    await shot('batch-2-refilled');
  });

  await test.step('Verify proves the re-filled chip genuine', async () => {
    const report = await line.verify(readerB);
    await expect(page.getByTestId('verify-verdict')).toHaveAttribute('data-verdict', 'genuine');
    await expect(report).toHaveAttribute('data-verdict', 'genuine');
    await expect(page.getByTestId('verify-serial')).toContainText(SERIAL.pulled);
    await expect(page.getByTestId('verify-work-order')).toContainText('WO-E2E-2');
    await expect(page.getByTestId('verify-pool-check')).toHaveAttribute('data-result', 'match');
    await expect(page.getByTestId('verify-failed-keys')).toHaveAttribute('data-count', '0');
    await shot('verify-genuine');
  });
});
