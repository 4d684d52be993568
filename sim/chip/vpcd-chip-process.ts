// A standalone emulated card in a vpcd reader, for the demo line, e2e runs and the PC/SC lab:
//   node --import tsx sim/chip/vpcd-chip-process.ts --port 35963 [--host H | --socket PATH]
//        [--config JSON] [--removed]
// The card (chip-process-config.ts: the reference chip by default, or the transport test card)
// is inserted at start unless --removed. Control: JSON lines on stdin (insert, remove,
// chip-faults, vpcd-faults, state, exit); events: JSON lines on stdout (ready, inserted,
// disconnected, pulled, power, state, error). End of stdin ends the process.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { bytesToHex } from '../../main/crypto/bytes';
import { buildCard, chipProcessCommandSchema, toChipFaults, type BuiltCard } from './chip-process-config';
import { VpcdAttachment, type VpcdEndpoint } from './vpcd-attachment';

function send(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function endpointOf(values: { port?: string; host?: string; socket?: string }): VpcdEndpoint {
  if (values.socket !== undefined) return { path: values.socket };
  const port = Number(values.port ?? '35963');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`bad --port ${values.port ?? ''}`);
  return { host: values.host ?? '127.0.0.1', port };
}

function handle(line: string, built: BuiltCard, attachment: VpcdAttachment): void {
  const command = chipProcessCommandSchema.parse(JSON.parse(line));
  switch (command.cmd) {
    case 'insert':
      attachment.insert().catch(() => undefined);
      return;
    case 'remove':
      void attachment.remove();
      return;
    case 'chip-faults':
      if (built.kind !== 'reference') throw new Error('the test card has no fault switches');
      built.card.setFaults(toChipFaults(command.faults));
      return;
    case 'vpcd-faults':
      attachment.setFaults(command.faults);
      return;
    case 'state':
      send(built.kind === 'reference' ? { event: 'state', ...built.card.state() } : { event: 'state' });
      return;
    case 'exit':
      void attachment.remove().then(() => process.exit(0));
      return;
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      socket: { type: 'string' },
      config: { type: 'string' },
      removed: { type: 'boolean', default: false },
    },
  });
  const built = buildCard(JSON.parse(values.config ?? '{}'));
  const endpoint = endpointOf(values);
  const attachment = new VpcdAttachment(built.card, endpoint);
  attachment.on(({ type, ...details }) => {
    send({ event: type, ...details });
  });
  const commands = createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    try {
      handle(line, built, attachment);
    } catch (error) {
      send({ event: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });
  commands.on('close', () => {
    void attachment.remove().then(() => process.exit(0));
  });
  send({ event: 'ready', card: built.kind, atr: bytesToHex(built.card.atr()), endpoint });
  // insert() rejects only when the card is removed before vpcd took it: the events tell that.
  if (!values.removed) attachment.insert().catch(() => undefined);
}

try {
  main();
} catch (error) {
  send({ event: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exit(2);
}
