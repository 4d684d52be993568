// QuantisUsbSource against the WebUSB-shaped emulator in sim/qrng (in memory: no USB needed).
import { describe, expect, it } from 'vitest';
import { QuantisUsbEmulator } from '../../../sim/qrng/quantis-usb-emulator';
import { QuantisUsbSource } from './quantis-usb-source';

async function opened(
  emulator = new QuantisUsbEmulator(),
): Promise<{ emulator: QuantisUsbEmulator; qrng: QuantisUsbSource }> {
  const qrng = new QuantisUsbSource(emulator, { resetWaitMs: 5 });
  await qrng.open();
  return { emulator, qrng };
}

describe('QuantisUsbSource', () => {
  it('opens configuration 1 / interface 0, reads the board, and resets as the library does', async () => {
    const { emulator, qrng } = await opened();
    expect(qrng.info).toEqual({
      serialNumber: '0901234A10',
      boardVersion: 0x203,
      modulesMask: 1,
      moduleRateKbps: 4000,
      packetSize: 512,
    });
    const requests = emulator.log.map((e) =>
      e.kind === 'bulk-in' ? `bulk ${e.length}` : `0x${e.request.toString(16)}`,
    );
    // board version, mask, rate; reset: status, mask, disable, enable; then 8 × (status, packet) = 4096 bytes
    expect(requests.slice(0, 7)).toEqual(['0x10', '0x15', '0x16', '0x13', '0x15', '0x11', '0x12']);
    expect(requests.slice(7)).toEqual(Array.from({ length: 8 }, () => ['0x13', 'bulk 512']).flat());
    expect(qrng.status()).toMatchObject({
      kind: 'quantis-usb',
      state: 'ready',
      bytesRead: 0,
      simulated: false,
    });
  });

  it('sends vendor requests as bmRequestType 0xC1 (in) and 0x41 (out)', async () => {
    const { emulator } = await opened();
    for (const e of emulator.log) {
      if (e.kind === 'control-in') expect(e.bmRequestType).toBe(0xc1);
      if (e.kind === 'control-out') expect(e.bmRequestType).toBe(0x41);
    }
  });

  it('reads exactly n bytes in whole 512-byte packets from endpoint 0x86, status checked before each', async () => {
    const { emulator, qrng } = await opened();
    emulator.log.length = 0;
    const bytes = await qrng.read(1000);
    expect(bytes).toHaveLength(1000);
    expect(emulator.log).toEqual([
      { kind: 'control-in', request: 0x13, bmRequestType: 0xc1 },
      { kind: 'bulk-in', endpoint: 6, length: 512 },
      { kind: 'control-in', request: 0x13, bmRequestType: 0xc1 },
      { kind: 'bulk-in', endpoint: 6, length: 512 },
    ]);
    expect(qrng.status().bytesRead).toBe(1000);
    expect(qrng.rate()).toBeGreaterThan(0);
  });

  it('waits 1 s in the board reset by default', async () => {
    const emulator = new QuantisUsbEmulator();
    const qrng = new QuantisUsbSource(emulator);
    const started = performance.now();
    await qrng.open();
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('reads and clears the AIS 31 start-up tests request flag', async () => {
    const { qrng } = await opened();
    expect(await qrng.ais31StartupTestsRequested()).toBe(true);
    await qrng.clearAis31StartupTestsRequest();
    expect(await qrng.ais31StartupTestsRequested()).toBe(false);
  });

  it.each([
    ['stall', /bulk IN endpoint 0x86: stall/],
    ['timeout', /transfer was cancelled/],
    ['status-0', /module status is 0/],
    ['disconnect', /device disconnected/],
  ] as const)('fails on %s and stays failed', async (fault, message) => {
    const { emulator, qrng } = await opened();
    const events: string[] = [];
    qrng.on((e) => events.push(e.type));
    emulator.fault = fault;
    emulator.disconnectAfterPackets = 2;
    await expect(qrng.read(4096)).rejects.toThrow(message);
    expect(qrng.status().state).toBe('failed');
    expect(events).toEqual(['state', 'error']);
    emulator.fault = 'none';
    await expect(qrng.read(16)).rejects.toThrow(/failed/);
  });

  it('fails to open when the module reports status 0 during the reset', async () => {
    const emulator = new QuantisUsbEmulator();
    emulator.fault = 'status-0';
    const qrng = new QuantisUsbSource(emulator, { resetWaitMs: 5 });
    await expect(qrng.open()).rejects.toThrow(/cannot open: module status is 0/);
    expect(emulator.opened).toBe(false);
  });

  it('releases the interface and closes the device', async () => {
    const { emulator, qrng } = await opened();
    await qrng.close();
    expect(emulator.opened).toBe(false);
    expect(qrng.status().state).toBe('closed');
  });
});
