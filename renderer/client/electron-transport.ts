// Transport over the Electron preload's window.station: one named function per contract method,
// each resolving to a CallResult that is checked here, and one event subscription. IPC is always
// up while the window lives, so the connection is 'connected' from the start.
import type { ElectronBridge } from '../../shared/electron-bridge';
import { CallResult } from '../../shared/wire';
import { clientError, describeFailure, transportError } from './transport-error';
import type { Transport } from './transport';

export function createElectronTransport(bridge: ElectronBridge): Transport {
  return {
    async call(method, input) {
      const send = Object.hasOwn(bridge.methods, method) ? bridge.methods[method] : undefined;
      if (!send) throw clientError('UNKNOWN_METHOD', `The station window offers no method named ${method}.`);
      let raw: unknown;
      try {
        raw = await send(input);
      } catch (error) {
        throw transportError(`The call to ${method} failed in the window bridge: ${describeFailure(error)}`);
      }
      const result = CallResult.safeParse(raw);
      if (!result.success) throw transportError(`The reply to ${method} was not a valid call result.`);
      return result.data;
    },
    onEvent: (listener) => bridge.onEvent(listener),
    connection: 'connected',
    onConnectionChange: () => () => {},
  };
}
