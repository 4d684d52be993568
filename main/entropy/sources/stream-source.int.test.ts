// StreamSource through a real FIFO and a real pseudo-terminal fed by sim/qrng/stream-emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { startFifoEmulator, startPtyEmulator } from '../../../sim/qrng/stream-emulator';
import type { StreamEmulator } from '../../../sim/qrng/stream-emulator';
import { StreamSource } from './stream-source';

let emulator: StreamEmulator | null = null;
let source: StreamSource | null = null;

afterEach(async () => {
  await source?.close();
  await emulator?.stop();
  source = null;
  emulator = null;
});

describe('StreamSource on a FIFO', () => {
  it('reads exactly n bytes, the ones the device sent, and measures a rate', async () => {
    emulator = await startFifoEmulator();
    source = new StreamSource({ path: emulator.path, readTimeoutMs: 2000 });
    await source.open();
    expect(source.status().state).toBe('ready');
    const first = await source.read(1000);
    const second = await source.read(24);
    expect(first).toHaveLength(1000);
    expect([...first, ...second]).toEqual([...emulator.sent().subarray(0, 1024)]);
    expect(source.status().bytesRead).toBe(1024);
    expect(source.rate()).toBeGreaterThan(0);
  });

  it('passes stuck bytes through unchanged (the health tests judge them)', async () => {
    emulator = await startFifoEmulator();
    source = new StreamSource({ path: emulator.path, readTimeoutMs: 2000 });
    await source.open();
    await source.read(1024 * 1024 + 65536);
    emulator.stuck(0x55);
    await source.read(4 * 1024 * 1024);
    const late = await source.read(4096);
    expect(new Set(late)).toEqual(new Set([0x55]));
  });

  it('fails on a stall with a timeout and stays failed', async () => {
    emulator = await startFifoEmulator();
    source = new StreamSource({ path: emulator.path, readTimeoutMs: 300 });
    const events: string[] = [];
    source.on((e) => events.push(e.type === 'state' ? e.status.state : `error: ${e.message}`));
    await source.open();
    emulator.stall();
    await source.read(2 * 1024 * 1024).catch(() => undefined);
    await expect(source.read(4 * 1024 * 1024)).rejects.toThrow(/timed out|failed/);
    expect(source.status().state).toBe('failed');
    expect(events).toContain('failed');
    emulator.resume();
    await expect(source.read(16)).rejects.toThrow(/failed/);
  });

  it('fails on end of stream with a clear error', async () => {
    emulator = await startFifoEmulator();
    source = new StreamSource({ path: emulator.path, readTimeoutMs: 2000 });
    await source.open();
    emulator.stall();
    emulator.eof();
    await expect(source.read(8 * 1024 * 1024)).rejects.toThrow(/end of stream/);
    expect(source.status().state).toBe('failed');
    expect(source.status().detail).toMatch(/end of stream/);
  });

  it('reads a character device (/dev/urandom standing in for /dev/hwrng) and closes it', async () => {
    source = new StreamSource({ path: '/dev/urandom', readTimeoutMs: 2000 });
    await source.open();
    expect(await source.read(100_000)).toHaveLength(100_000);
    await source.close();
    expect(source.status().state).toBe('closed');
  });

  it('refuses a regular file and a missing path', async () => {
    source = new StreamSource({ path: import.meta.filename });
    await expect(source.open()).rejects.toThrow(/neither a character device/);
    source = new StreamSource({ path: '/nonexistent/qrandom0' });
    await expect(source.open()).rejects.toThrow(/cannot open.*ENOENT/);
    expect(source.status().state).toBe('failed');
  });
});

describe('StreamSource on a pseudo-terminal', () => {
  it('TrueRNG: sets raw mode and reads the bytes unchanged', async () => {
    emulator = await startPtyEmulator('truerng');
    source = new StreamSource({ path: emulator.path, device: 'truerng', readTimeoutMs: 3000 });
    await source.open();
    const bytes = await source.read(8192);
    expect([...bytes]).toEqual([...emulator.sent().subarray(0, 8192)]);
  });

  it('OneRNG: sends cmd0 and cmdO at open, cmdo at close', async () => {
    const pty = await startPtyEmulator('onerng');
    emulator = pty;
    source = new StreamSource({ path: pty.path, device: 'onerng', readTimeoutMs: 3000 });
    await source.open();
    const bytes = await source.read(4096);
    expect([...bytes]).toEqual([...pty.sent().subarray(0, 4096)]);
    expect(pty.commands().slice(0, 2)).toEqual(['cmd0', 'cmdO']);
    await source.close();
    await expect.poll(() => pty.commands()).toContain('cmdo');
  });

  it('refuses a serial device type on a path that is not a terminal', async () => {
    emulator = await startFifoEmulator();
    source = new StreamSource({ path: emulator.path, device: 'onerng' });
    await expect(source.open()).rejects.toThrow(/expects a serial terminal/);
  });

  it('fails when the device disappears mid-stream', async () => {
    emulator = await startPtyEmulator('truerng');
    source = new StreamSource({ path: emulator.path, device: 'truerng', readTimeoutMs: 3000 });
    await source.open();
    await source.read(1024);
    emulator.stall();
    emulator.eof();
    await expect(source.read(4 * 1024 * 1024)).rejects.toThrow(/stream/);
    expect(source.status().state).toBe('failed');
  });
});
