// UsbCcidReaderService and CcidReader against the WebUSB CCID reader emulator (sim/chip) carrying
// the transport test card, on an emulated bus: events, framing, chaining, time extensions, bSeq
// recovery, stalls, unplugging mid-transfer, pulled cards, polling, and a machine without USB.
import { afterEach, describe, expect, it } from 'vitest';
import { CcidUsbDeviceEmulator, type CcidEmulatorOptions } from '../../../../sim/chip/ccid-usb-device';
import { EmulatedUsbBus } from '../../../../sim/chip/emulated-usb-bus';
import { TEST_CARD_ATR, TestCard } from '../../../../sim/chip/test-card';
import type { ReaderEvent } from '../transport';
import { UsbCcidReaderService, type UsbCcidReaderServiceOptions } from './usb-ccid-reader-service';

const DEVICE = { vendorId: 0x1209, productId: 0xcc1d };
const NAME = 'usb:1209:cc1d:1-4';
const SELECT = Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x02, 0xa0, 0x01);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

let service: UsbCcidReaderService | null = null;

afterEach(async () => {
  await service?.close();
  service = null;
});

interface Rig {
  readonly bus: EmulatedUsbBus;
  readonly device: CcidUsbDeviceEmulator;
  readonly card: TestCard;
  readonly service: UsbCcidReaderService;
  readonly events: ReaderEvent[];
}

async function rig(
  device: CcidEmulatorOptions = {},
  options: Partial<UsbCcidReaderServiceOptions> = {},
  withCard = true,
): Promise<Rig> {
  const bus = new EmulatedUsbBus();
  const emulator = new CcidUsbDeviceEmulator(device);
  const card = new TestCard();
  if (withCard) emulator.insert(card);
  bus.plug(emulator);
  const events: ReaderEvent[] = [];
  service = await UsbCcidReaderService.start({
    devices: [DEVICE],
    bus,
    notifyWaitMs: 50,
    pollMs: 20,
    ...options,
  });
  service.on((e) => events.push(e));
  return { bus, device: emulator, card, service, events };
}

async function until(predicate: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function extendedEcho(length: number): Uint8Array {
  const apdu = new Uint8Array(7 + length + 2);
  apdu.set([0x80, 0x01, 0x00, 0x00, 0x00, length >> 8, length & 0xff]);
  for (let i = 0; i < length; i += 1) apdu[7 + i] = (i * 13) & 0xff;
  return apdu;
}

describe('UsbCcidReaderService', () => {
  it('opens the configured reader, reports the card with its ATR and exchanges APDUs', async () => {
    const { service: s, card } = await rig();
    expect(s.unavailable()).toBeNull();
    expect(s.readers()).toEqual([NAME]);
    expect(s.cards()).toEqual([{ reader: NAME, atr: TEST_CARD_ATR }]);
    const connection = await s.connect(NAME);
    expect(connection.protocol).toBe('CCID');
    expect(connection.extendedLength).toBe(true);
    expect(hex(await connection.transmit(SELECT))).toBe('9000');
    const echo = Uint8Array.of(0x80, 0x01, 0x00, 0x00, 0x02, 0xbe, 0xef, 0x00);
    expect(hex(await connection.transmit(echo))).toBe('beef9000');
    const resets = card.resets;
    expect(hex(await connection.reset())).toBe(hex(TEST_CARD_ATR));
    expect(card.resets).toBe(resets + 1);
    await expect(s.connect(NAME)).rejects.toMatchObject({ code: 'CARD_BUSY' });
    await connection.disconnect();
    expect(card.powerOffs).toBeGreaterThan(0);
    await expect(connection.transmit(SELECT)).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('carries a 600-byte command and a 4000-byte answer in single messages', async () => {
    const { service: s, device } = await rig();
    const connection = await s.connect(NAME);
    const apdu = extendedEcho(600);
    expect(hex(await connection.transmit(apdu))).toBe(`${hex(apdu.subarray(7, 607))}9000`);
    const produced = await connection.transmit(Uint8Array.of(0x80, 0x02, 0x0f, 0xa0, 0x00, 0x0f, 0xa0));
    expect(produced.length).toBe(4002);
    expect(device.log.filter((e) => e.type === 0x6f).map((e) => e.level)).toEqual([0, 0]);
  });

  it('chains APDUs through wLevelParameter when they exceed dwMaxCCIDMessageLength', async () => {
    const { service: s, device } = await rig({ maxMessageLength: 271 });
    const connection = await s.connect(NAME);
    const apdu = extendedEcho(600);
    expect(hex(await connection.transmit(apdu))).toBe(`${hex(apdu.subarray(7, 607))}9000`);
    const levels = device.log.filter((e) => e.type === 0x6f).map((e) => e.level);
    expect(levels.slice(0, 3)).toEqual([0x01, 0x03, 0x02]);
    expect(levels.slice(3)).toEqual([0x10, 0x10]);
    const produced = await connection.transmit(Uint8Array.of(0x80, 0x02, 0x0f, 0xa0, 0x00, 0x0f, 0xa0));
    expect(produced.length).toBe(4002);
    expect(produced[3999]).toBe(3999 & 0xff);
  });

  it('refuses an extended APDU when the reader is short-APDU level', async () => {
    const { service: s } = await rig({ features: 0x0002_0008, maxMessageLength: 271 });
    const connection = await s.connect(NAME);
    expect(connection.extendedLength).toBe(false);
    await expect(connection.transmit(extendedEcho(600))).rejects.toMatchObject({ code: 'PROTOCOL' });
  });

  it('waits through time-extension answers', async () => {
    const { service: s, device } = await rig();
    device.faults.timeExtensions = 3;
    const connection = await s.connect(NAME);
    expect(hex(await connection.transmit(SELECT))).toBe('9000');
  });

  it('skips the late answer of a timed-out exchange by its bSeq', async () => {
    const { service: s } = await rig({}, { transmitTimeoutMs: 150 });
    const connection = await s.connect(NAME);
    const slow = Uint8Array.of(0x80, 0x06, 0x01, 0x2c);
    await expect(connection.transmit(slow)).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(connection.transmit(SELECT)).rejects.toMatchObject({ code: 'TIMEOUT' });
    await connection.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const again = await s.connect(NAME);
    expect(hex(await again.transmit(SELECT))).toBe('9000');
  });

  it('reports a stalled endpoint as DEVICE_ERROR and goes on', async () => {
    const { service: s, device } = await rig();
    const connection = await s.connect(NAME);
    device.faults.stall = 'in';
    await expect(connection.transmit(SELECT)).rejects.toMatchObject({ code: 'DEVICE_ERROR' });
    device.faults.stall = 'out';
    await expect(connection.transmit(SELECT)).rejects.toMatchObject({ code: 'DEVICE_ERROR' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hex(await connection.transmit(SELECT))).toBe('9000');
  });

  it('fails with READER_GONE when the reader is unplugged mid-transfer, and removes it', async () => {
    const { service: s, device, events } = await rig();
    const connection = await s.connect(NAME);
    device.faults.disconnectDuringCommand = true;
    await expect(connection.transmit(SELECT)).rejects.toMatchObject({ code: 'READER_GONE' });
    await until(() => s.readers().length === 0);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['card-removed', 'reader-removed']));
    await expect(connection.transmit(SELECT)).rejects.toMatchObject({ code: 'READER_GONE' });
    await expect(s.connect(NAME)).rejects.toMatchObject({ code: 'NO_READER' });
  });

  it('reports cards going in and out through NotifySlotChange, and a card pulled mid-command', async () => {
    const { service: s, device, events } = await rig();
    device.remove();
    await until(() => s.cards().length === 0);
    device.insert(new TestCard());
    await until(() => s.cards().length === 1);
    const connection = await s.connect(NAME);
    await expect(connection.transmit(Uint8Array.of(0x80, 0x05, 0x00, 0x00))).rejects.toMatchObject({
      code: 'CARD_REMOVED',
    });
    await until(() => s.cards().length === 0);
    await expect(connection.transmit(SELECT)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    await expect(s.connect(NAME)).rejects.toMatchObject({ code: 'NO_CARD' });
    expect(events.map((e) => e.type)).toEqual(['card-removed', 'card-inserted', 'card-removed']);
  });

  it('polls GetSlotStatus on a reader without an interrupt endpoint', async () => {
    const { service: s, device } = await rig({ interruptEndpoint: false }, {}, false);
    expect(s.cards()).toEqual([]);
    device.insert(new TestCard());
    await until(() => s.cards().length === 1);
    device.remove();
    await until(() => s.cards().length === 0);
  });

  it('follows readers plugged in later and ignores devices it was not configured for', async () => {
    const { bus, service: s, events } = await rig();
    const other = new CcidUsbDeviceEmulator({ vendorId: 0x1234, productId: 0x5678, ports: [5] });
    bus.plug(other);
    const second = new CcidUsbDeviceEmulator({ ports: [6] });
    second.insert(new TestCard());
    bus.plug(second);
    await until(() => s.cards().length === 2);
    expect(s.readers()).toEqual([NAME, 'usb:1209:cc1d:1-6']);
    bus.unplug(second);
    await until(() => s.readers().length === 1);
    expect(events.map((e) => e.type)).toEqual([
      'reader-added',
      'card-inserted',
      'card-removed',
      'reader-removed',
    ]);
  });

  it('starts without USB: no reader, USB_UNAVAILABLE on connect, no bus listener', async () => {
    const bus = new EmulatedUsbBus();
    bus.failWith = 'getDevices error: /sys/bus/usb/devices/ not found';
    service = await UsbCcidReaderService.start({ devices: [DEVICE], bus });
    expect(service.unavailable()).toMatch(/sys\/bus\/usb/);
    expect(service.readers()).toEqual([]);
    expect(bus.listenerCount()).toBe(0);
    await expect(service.connect(NAME)).rejects.toMatchObject({ code: 'USB_UNAVAILABLE' });
  });

  it('starts on this machine with the real usb package without throwing', async () => {
    service = await UsbCcidReaderService.start({ devices: [DEVICE] });
    expect(service.readers()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
