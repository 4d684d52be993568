// The Electron transport over a fake window.station: results checked against CallResult, bridge
// failures and unknown methods turned into ApiErrors.
import { describe, expect, it, vi } from 'vitest';
import type { ElectronBridge } from '../../shared/electron-bridge';
import { createElectronTransport } from './electron-transport';

function bridge(reply: (input: unknown) => Promise<unknown>): ElectronBridge {
  return { methods: { 'station.status': reply }, onEvent: vi.fn(() => () => {}) };
}

describe('createElectronTransport', () => {
  it('returns a valid CallResult', async () => {
    const transport = createElectronTransport(bridge(() => Promise.resolve({ ok: true, value: 1 })));
    await expect(transport.call('station.status', {})).resolves.toEqual({ ok: true, value: 1 });
    expect(transport.connection).toBe('connected');
  });

  it('rejects a reply that is not a CallResult with TRANSPORT', async () => {
    const transport = createElectronTransport(bridge(() => Promise.resolve({ value: 1 })));
    await expect(transport.call('station.status', {})).rejects.toMatchObject({ code: 'TRANSPORT' });
  });

  it('turns a bridge rejection into TRANSPORT', async () => {
    const transport = createElectronTransport(bridge(() => Promise.reject(new Error('ipc gone'))));
    await expect(transport.call('station.status', {})).rejects.toMatchObject({ code: 'TRANSPORT' });
  });

  it('refuses a method the bridge does not offer', async () => {
    const transport = createElectronTransport(bridge(() => Promise.resolve({ ok: true, value: 1 })));
    await expect(transport.call('toString', {})).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
  });
});
