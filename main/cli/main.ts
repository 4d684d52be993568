#!/usr/bin/env node
// The `station` command: dispatches to one module per subcommand.
import { describeError } from '../log';
import { selftestCommand, UsageError, type CommandIo } from './selftest-command';

const USAGE = `Usage: station <command> [options]

Commands:
  selftest [--json]   run the power-on self-test (crypto known-answer tests); exit 0 only if all pass

Environment:
  STATION_CRYPTO=native|js   force a crypto provider (default: native when OpenSSL has SM2/SM3/SM4)
  STATION_DATA_DIR=DIR       the station's data directory
`;

const COMMANDS: Record<string, (args: readonly string[], io: CommandIo) => number> = {
  selftest: selftestCommand,
};

function run(argv: readonly string[]): number {
  const [name, ...args] = argv;
  const io: CommandIo = { out: (text) => process.stdout.write(text), env: process.env };
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? 64 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`station: unknown command '${name}'\n\n${USAGE}`);
    return 64;
  }
  try {
    return command(args, io);
  } catch (error) {
    process.stderr.write(
      `station ${name}: ${error instanceof UsageError ? error.message : describeError(error)}\n`,
    );
    return error instanceof UsageError ? 64 : 1;
  }
}

process.exitCode = run(process.argv.slice(2));
