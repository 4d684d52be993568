// createEntropySource: validated configuration in, the named driver out, never a fallback.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QuantisUsbEmulator } from '../../../sim/qrng/quantis-usb-emulator';
import { createEntropySource } from './create-source';
import { findQuantisUsbDevices } from './usb-discovery';

const pin = 'ab'.repeat(32);

describe('createEntropySource', () => {
  it.each([
    [{ kind: 'stream', path: '/dev/hwrng' }, 'stream', false],
    [{ kind: 'stream', path: '/dev/ttyACM0', device: 'onerng' }, 'stream', false],
    [
      { kind: 'network', url: 'https://qrng.example/API/jsonI.php?type=uint8', pinSha256: pin },
      'network',
      false,
    ],
    [{ kind: 'simulation' }, 'simulation', true],
  ] as const)('builds %j', async (config, kind, simulated) => {
    const source = await createEntropySource(config);
    expect(source.kind).toBe(kind);
    expect(source.simulated).toBe(simulated);
    expect(source.status().state).toBe('closed');
  });

  it.each([
    [{ kind: 'stream' }, /path/],
    [{ kind: 'stream', path: '/dev/hwrng', device: 'modem' }, /device/],
    [{ kind: 'network', url: 'http://qrng.example/', pinSha256: pin }, /url/],
    [{ kind: 'network', url: 'https://qrng.example/', pinSha256: 'xyz' }, /pinSha256/],
    [{ kind: 'quantum-dice' }, /kind/],
    [null, /invalid entropy source configuration/],
  ])('refuses %j', async (config, message) => {
    await expect(createEntropySource(config)).rejects.toThrow(message);
  });

  it('hands a found Quantis USB board to the driver', async () => {
    const board = new QuantisUsbEmulator('Q1');
    const source = await createEntropySource(
      { kind: 'quantis-usb', serial: 'Q1' },
      { findQuantisUsb: (serial) => Promise.resolve({ ok: true, devices: serial === 'Q1' ? [board] : [] }) },
    );
    expect(source.kind).toBe('quantis-usb');
    expect(source.status().name).toBe('Quantis USB Q1');
  });

  it('refuses a missing, an ambiguous or an unreachable Quantis USB board (no fallback)', async () => {
    const none = { findQuantisUsb: () => Promise.resolve({ ok: true as const, devices: [] }) };
    await expect(createEntropySource({ kind: 'quantis-usb' }, none)).rejects.toThrow(/no Quantis USB board/);
    const two = {
      findQuantisUsb: () =>
        Promise.resolve({
          ok: true as const,
          devices: [new QuantisUsbEmulator('A'), new QuantisUsbEmulator('B')],
        }),
    };
    await expect(createEntropySource({ kind: 'quantis-usb' }, two)).rejects.toThrow(/configure a serial/);
    const down = {
      findQuantisUsb: () => Promise.resolve({ ok: false as const, error: 'USB unavailable: x' }),
    };
    await expect(createEntropySource({ kind: 'quantis-usb' }, down)).rejects.toThrow(/USB unavailable/);
  });
});

describe('findQuantisUsbDevices through the real `usb` package', () => {
  it('answers without killing the process, also on a machine without /sys/bus/usb', async () => {
    const found = await findQuantisUsbDevices();
    if (existsSync('/sys/bus/usb/devices')) expect(found.ok).toBe(true);
    else
      expect(found).toEqual({
        ok: false,
        error: expect.stringMatching(/USB unavailable.*not found/) as string,
      });
  });
});
