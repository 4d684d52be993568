// The web bridge, through the real host on loopback and a real station: who may connect, what a
// connection may send, and that refused calls come back as typed errors.
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, WIRE_PROTOCOL } from '../../../shared/wire';
import { startTempStation, type TempStation } from '../../../test/support/temp-station';
import { MAX_CONNECTIONS } from './web-host';
import { openBridge } from '../../../test/support/ws-client';

let temp: TempStation;
beforeAll(async () => {
  temp = await startTempStation();
});
afterAll(async () => {
  await temp.close();
});

function httpStatus(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${temp.host.origin}${path}`, { method, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web host: who may connect', () => {
  it('binds to loopback only', () => {
    expect(new URL(temp.host.origin).hostname).toBe('127.0.0.1');
    expect(temp.host.url).toContain(`#token=${temp.host.token}`);
  });

  it('accepts the right token and origin and answers station.status', async () => {
    const bridge = await openBridge(temp.host);
    expect(bridge.ws.protocol).toBe(WIRE_PROTOCOL);
    const result = await bridge.call('station.status', {});
    expect(result.ok).toBe(true);
    bridge.close();
  });

  it('refuses a missing token', async () => {
    await expect(openBridge(temp.host, { token: null })).rejects.toThrow('HTTP 401');
  });

  it('refuses a wrong token of the same length', async () => {
    await expect(openBridge(temp.host, { token: 'f'.repeat(temp.host.token.length) })).rejects.toThrow(
      'HTTP 401',
    );
  });

  it('refuses a wrong origin', async () => {
    await expect(openBridge(temp.host, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('refuses a missing origin', async () => {
    await expect(openBridge(temp.host, { origin: null })).rejects.toThrow('HTTP 403');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    await expect(openBridge(temp.host, { host: 'evil.example' })).rejects.toThrow('HTTP 404');
    expect(await httpStatus('/', { host: 'evil.example' })).toBe(421);
  });

  it('serves the UI with GET only and never outside its folder', async () => {
    expect(await httpStatus('/')).toBe(200);
    expect(await httpStatus('/', {}, 'POST')).toBe(405);
    expect(await httpStatus('/../../package.json')).toBe(404);
    expect(await httpStatus('/%2e%2e/%2e%2e/package.json')).toBe(404);
  });
});

describe('web host: what a connection may send', () => {
  it('refuses an unknown method with a typed error', async () => {
    const bridge = await openBridge(temp.host);
    expect(await bridge.call('keys.exportAll', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await bridge.call('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    bridge.close();
  });

  it('refuses bad payloads with a typed error naming the field', async () => {
    const bridge = await openBridge(temp.host);
    const result = await bridge.call('settings.setLanguage', { language: 'klingon' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'language' }] },
    });
    expect(await bridge.call('station.status', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await bridge.call('station.status', 'x')).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    bridge.close();
  });

  it('refuses a method whose role the caller lacks', async () => {
    const bridge = await openBridge(temp.host);
    const result = await bridge.call('station.rename', { name: 'Line 2' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const status = await bridge.call('station.status', {});
    expect(status.ok && (status.value as { stationName: string }).stationName).not.toBe('Line 2');
    bridge.close();
  });

  it('answers a message that is not JSON, or not a request, with BAD_REQUEST and keeps serving', async () => {
    const bridge = await openBridge(temp.host);
    bridge.sendRaw('{not json');
    expect(await bridge.nextMessage()).toMatchObject({
      kind: 'result',
      id: -1,
      result: { error: { code: 'BAD_REQUEST' } },
    });
    bridge.sendRaw(JSON.stringify({ id: 'x', method: 'station.status' }));
    expect(await bridge.nextMessage()).toMatchObject({
      kind: 'result',
      id: -1,
      result: { error: { code: 'BAD_REQUEST' } },
    });
    expect((await bridge.call('station.status', {})).ok).toBe(true);
    bridge.close();
  });

  it('closes the connection on an oversized message', async () => {
    const bridge = await openBridge(temp.host);
    const closed = bridge.closed();
    bridge.sendRaw(
      JSON.stringify({ id: 1, method: 'station.status', input: { pad: 'x'.repeat(MAX_REQUEST_BYTES) } }),
    );
    expect(await closed).toBe(1009);
  });

  it('closes the connection on a binary frame', async () => {
    const bridge = await openBridge(temp.host);
    const closed = bridge.closed();
    bridge.sendRaw(Buffer.from([1, 2, 3]));
    expect(await closed).toBe(1003);
  });

  it('pushes events to every connection when the language changes, and persists it', async () => {
    const a = await openBridge(temp.host);
    const b = await openBridge(temp.host);
    expect(await a.call('settings.setLanguage', { language: 'en' })).toEqual({
      ok: true,
      value: { language: 'en' },
    });
    let event = await b.nextMessage();
    while (event.kind !== 'event' || event.event !== 'settings.languageChanged')
      event = await b.nextMessage();
    expect(event.payload).toEqual({ language: 'en' });
    expect(temp.station.status().language).toBe('en');
    a.close();
    b.close();
  });

  it('survives a malformed request target, over HTTP and on the upgrade path', async () => {
    expect(await httpStatus('/%')).toBe(400);
    expect(await httpStatus('/%E0%A4%A')).toBe(400);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(temp.host.origin).port), '127.0.0.1', () => {
        socket.write(
          `GET http://[ HTTP/1.1\r\nHost: ${new URL(temp.host.origin).host}\r\nUpgrade: websocket\r\n` +
            'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        );
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(await httpStatus('/')).toBe(200);
  });

  it('refuses connections beyond its limit, and serves again once they close', async () => {
    const open = [];
    let refusedWith = '';
    for (let i = 0; i <= MAX_CONNECTIONS; i++) {
      try {
        open.push(await openBridge(temp.host));
      } catch (error) {
        refusedWith = String(error);
        break;
      }
    }
    expect(refusedWith).toContain('HTTP 503');
    expect(open.length).toBeLessThanOrEqual(MAX_CONNECTIONS);
    const closed = open.map((b) => b.closed());
    for (const bridge of open) bridge.close();
    await Promise.all(closed);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await openBridge(temp.host);
    expect((await again.call('station.status', {})).ok).toBe(true);
    again.close();
  });
});
