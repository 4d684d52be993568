// The contract client over a fake transport: outputs parsed by the contract, refusals thrown as
// ApiError, events delivered only when their payload matches the contract.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api-error';
import { FakeTransport } from '../test-support/fake-transport';
import { stationStatus } from '../test-support/status-fixture';
import { createStationClient } from './station-client';

describe('StationClient.call', () => {
  it('returns the value parsed by the method output schema', async () => {
    const transport = new FakeTransport(() => Promise.resolve({ ok: true, value: stationStatus() }));
    const client = createStationClient(transport);
    await expect(client.call('station.status', {})).resolves.toEqual(stationStatus());
    expect(transport.calls).toEqual([{ method: 'station.status', input: {} }]);
  });

  it('throws the station refusal as an ApiError with its code and message', async () => {
    const client = createStationClient(
      new FakeTransport(() => Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'No.' } })),
    );
    const error = await client.call('station.rename', { name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'No.' });
  });

  it('throws INTERNAL when the value does not match the output schema', async () => {
    const client = createStationClient(
      new FakeTransport(() => Promise.resolve({ ok: true, value: { language: 'fr' } })),
    );
    await expect(client.call('settings.setLanguage', { language: 'en' })).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });

  it('passes transport failures through', async () => {
    const client = createStationClient(
      new FakeTransport(() => Promise.reject(new ApiError({ code: 'TRANSPORT', message: 'closed' }))),
    );
    await expect(client.call('station.status', {})).rejects.toMatchObject({ code: 'TRANSPORT' });
  });
});

describe('StationClient.on', () => {
  it('delivers valid payloads of the subscribed event only', () => {
    const transport = new FakeTransport(() => Promise.resolve({ ok: true, value: null }));
    const client = createStationClient(transport);
    const heard: unknown[] = [];
    client.on('settings.languageChanged', (payload) => heard.push(payload));
    transport.emit('station.statusChanged', stationStatus());
    transport.emit('settings.languageChanged', { language: 'en' });
    expect(heard).toEqual([{ language: 'en' }]);
  });

  it('drops an invalid payload and reports it', () => {
    const transport = new FakeTransport(() => Promise.resolve({ ok: true, value: null }));
    const onInvalidEvent = vi.fn();
    const client = createStationClient(transport, { onInvalidEvent });
    const listener = vi.fn();
    client.on('settings.languageChanged', listener);
    transport.emit('settings.languageChanged', { language: 'klingon' });
    expect(listener).not.toHaveBeenCalled();
    expect(onInvalidEvent).toHaveBeenCalledWith('settings.languageChanged');
  });

  it('stops delivering after unsubscribe', () => {
    const transport = new FakeTransport(() => Promise.resolve({ ok: true, value: null }));
    const client = createStationClient(transport);
    const listener = vi.fn();
    const off = client.on('settings.languageChanged', listener);
    off();
    transport.emit('settings.languageChanged', { language: 'en' });
    expect(listener).not.toHaveBeenCalled();
  });
});
