#!/usr/bin/env node
// The `station` command: dispatches to one module per subcommand.
import { describeError } from '../log';
import { auditCommand } from './audit-command';
import { ceremonyCommand } from './ceremony-command';
import { fillCommand } from './fill-command';
import { randtestCommand } from './randtest-command';
import { selftestCommand, UsageError, type CommandIo } from './selftest-command';
import { verifyCommand } from './verify-command';

const USAGE = `Usage: station <command> [options]

Commands:
  selftest [--json]   run the power-on self-test (crypto known-answer tests); exit 0 only if all pass
  audit verify [--data-dir DIR] [--json] [--passphrase-file FILE | --chain-only]
                      walk the audit chain; exit 0 intact, 1 broken (prints the first break), 2 cannot run
  audit export --out DIR [--data-dir DIR] [--from ISO] [--to ISO] [--actor NAME] [--subject ID]
               [--type TYPE]... [--format jsonl,csv] [--lang zh-CN|en] [--passphrase-file FILE]
                      export a signed range of the audit log (progress on stderr)
  audit verify-export DIR [--public-key PEM] [--json]
                      check an export offline; exit 0 valid, 1 invalid (names what is wrong), 2 cannot run
  ceremony kmc --custodian USER=COMPONENT_FILE [--password-file USER=FILE] ... [--data-dir DIR] [--passphrase-file FILE]
                      load the issuer master key from 2-5 custodians' components (security officers)
  randtest FILE [--suite sp800-22|gmt0005] [--format ascii|bytes] [--json]
                      randomness tests on FILE's bits; exit 0 all pass, 1 any fails, 2 cannot read its bits
  fill --batch FILE --operator USER [--password-file FILE] [--readers NAME[,NAME...]] [--data-dir DIR]
       [--passphrase-file FILE] [--timeout SECONDS] [--json]
                      run one batch (FILE: {"workOrder","chips","poolSize","profile"?}) on the PC/SC readers
                      (or only those named); prints each finished fill (--json: one object a line, then
                      {"batch","fills"}); Ctrl-C or the timeout closes the batch; exit 0 every authorised
                      chip filled, 1 ended short, 2 cannot run, 130 interrupted (143 SIGTERM)
  verify --reader NAME --operator USER [--password-file FILE] [--data-dir DIR] [--passphrase-file FILE]
         [--wait SECONDS] [--json]
                      wait (default 10 s) for a chip in the reader and prove it against its binding;
                      exit 0 genuine, 1 any other verdict, 2 no chip or cannot run

Environment:
  STATION_CRYPTO=native|js   force a crypto provider (default: native when OpenSSL has SM2/SM3/SM4)
  STATION_DATA_DIR=DIR       the station's data directory
  STATION_PASSPHRASE=...     the station passphrase for audit, ceremony, fill and verify (or --passphrase-file)
  STATION_PASSWORD_<USER>=...  an operator's or custodian's password (or --password-file)
  STATION_ENTROPY=...        the QRNG fill draws keys from (default: the simulation line)
  PCSCLITE_CSOCK_NAME=PATH   the pcscd socket fill and verify use (default: the system's pcscd)
`;

const COMMANDS: Record<string, (args: readonly string[], io: CommandIo) => number | Promise<number>> = {
  selftest: selftestCommand,
  audit: auditCommand,
  ceremony: ceremonyCommand,
  randtest: randtestCommand,
  fill: fillCommand,
  verify: verifyCommand,
};

async function run(argv: readonly string[]): Promise<number> {
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
    return await command(args, io);
  } catch (error) {
    process.stderr.write(
      `station ${name}: ${error instanceof UsageError ? error.message : describeError(error)}\n`,
    );
    return error instanceof UsageError ? 64 : 1;
  }
}

process.exitCode = await run(process.argv.slice(2));
