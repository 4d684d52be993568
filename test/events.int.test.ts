// Events go only where they may: a connection nobody signed in on receives the public events
// (station status, language, entropy) and nothing else, such as the key ceremony's progress or the
// fill line's serials and operator names; a signed-in connection receives them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setUpStation } from './support/station-setup';
import { startTempStation, type TempStation } from './support/temp-station';
import { openBridge, type Bridge } from './support/ws-client';

let temp: TempStation;
let anonymous: Bridge;
let officer: Bridge;

beforeAll(async () => {
  temp = await startTempStation();
  anonymous = await openBridge(temp.host);
  officer = await openBridge(temp.host);
});

afterAll(async () => {
  anonymous.close();
  officer.close();
  await temp.close();
});

function eventsOf(bridge: Bridge): string[] {
  return bridge.messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
}

it('keeps session events from connections nobody signed in on', async () => {
  let seen = 0;
  temp.station.events.subscribe((event) => {
    if (event === 'ceremony.changed') seen++;
  });
  await setUpStation(officer);
  expect(await officer.call('ceremony.start', { componentsRequired: 2 })).toMatchObject({ ok: true });
  await expect.poll(() => seen).toBeGreaterThan(0);
  await expect.poll(() => eventsOf(anonymous)).toContain('station.statusChanged');
  expect(eventsOf(anonymous)).not.toContain('ceremony.changed');
  expect(temp.station.mayReceive({ sessionId: null }, 'ceremony.changed')).toBe(false);
  expect(temp.station.mayReceive({ sessionId: null }, 'fill.changed')).toBe(false);
  expect(temp.station.mayReceive({ sessionId: null }, 'settings.languageChanged')).toBe(true);
});
