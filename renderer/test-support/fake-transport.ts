// Test-only: a Transport whose answers, events and connection changes the test drives by hand.
import type { CallResult } from '../../shared/wire';
import type { ConnectionState, Transport } from '../client/transport';

export class FakeTransport implements Transport {
  readonly calls: { method: string; input: unknown }[] = [];
  private readonly eventListeners = new Set<(event: string, payload: unknown) => void>();
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();

  constructor(
    public answer: (method: string, input: unknown) => Promise<CallResult>,
    public connection: ConnectionState = 'connected',
  ) {}

  call(method: string, input: unknown): Promise<CallResult> {
    this.calls.push({ method, input });
    return this.answer(method, input);
  }

  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  emit(event: string, payload: unknown): void {
    for (const listener of this.eventListeners) listener(event, payload);
  }

  setConnection(state: ConnectionState): void {
    this.connection = state;
    for (const listener of this.connectionListeners) listener(state);
  }
}
