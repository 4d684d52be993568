// The options of `station audit verify | export | verify-export`, parsed and validated (filters with
// the contract's own schema) into one typed value per subcommand. Anything else is a UsageError.
import { AuditExportFormat, AuditFilter } from '../../shared/audit';
import { Language } from '../../shared/settings';
import { UsageError } from './selftest-command';

export interface VerifyOptions {
  readonly command: 'verify';
  readonly dataDir: string | null;
  readonly json: boolean;
  readonly passphraseFile: string | null;
  /** Check hashes and checkpoint signatures only: no passphrase, no MACs. */
  readonly chainOnly: boolean;
}

export interface ExportOptions {
  readonly command: 'export';
  readonly dataDir: string | null;
  readonly out: string;
  readonly filter: AuditFilter;
  readonly formats: readonly ('jsonl' | 'csv')[];
  readonly language: Language | null;
  readonly passphraseFile: string | null;
}

export interface VerifyExportOptions {
  readonly command: 'verify-export';
  readonly directory: string;
  readonly publicKeyFile: string | null;
  readonly json: boolean;
}

export type AuditCommandOptions = VerifyOptions | ExportOptions | VerifyExportOptions;

/** Option names each subcommand takes: flags have no value, the rest take one (--type repeats). */
const SPEC = {
  verify: { flags: ['--json', '--chain-only'], values: ['--data-dir', '--passphrase-file'] },
  export: {
    flags: [],
    values: [
      '--data-dir',
      '--out',
      '--from',
      '--to',
      '--actor',
      '--subject',
      '--type',
      '--format',
      '--lang',
      '--passphrase-file',
    ],
  },
  'verify-export': { flags: ['--json'], values: ['--public-key'] },
} as const;

interface Parsed {
  readonly positional: string[];
  readonly flags: Set<string>;
  readonly values: Map<string, string[]>;
}

function parse(command: keyof typeof SPEC, args: readonly string[]): Parsed {
  const flags: readonly string[] = SPEC[command].flags;
  const valued: readonly string[] = SPEC[command].values;
  const parsed: Parsed = { positional: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name = '', inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg];
    if (flags.includes(name) && inline === undefined) {
      parsed.flags.add(name);
    } else if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '')
        throw new UsageError(`audit ${command}: ${name} needs a value`);
      parsed.values.set(name, [...(parsed.values.get(name) ?? []), value]);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`audit ${command}: unknown option ${name}`);
    } else {
      parsed.positional.push(arg);
    }
  }
  for (const [name, list] of parsed.values) {
    if (list.length > 1 && name !== '--type') throw new UsageError(`audit ${command}: ${name} given twice`);
  }
  return parsed;
}

const one = (p: Parsed, name: string): string | null => p.values.get(name)?.[0] ?? null;

function noPositional(command: string, p: Parsed): void {
  if (p.positional.length > 0)
    throw new UsageError(`audit ${command}: unexpected argument ${p.positional[0] ?? ''}`);
}

function exportFilter(p: Parsed): AuditFilter {
  const types = p.values.get('--type')?.flatMap((t) => t.split(','));
  const candidate: Record<string, unknown> = {
    ...(one(p, '--from') === null ? {} : { from: one(p, '--from') }),
    ...(one(p, '--to') === null ? {} : { to: one(p, '--to') }),
    ...(one(p, '--actor') === null ? {} : { actor: one(p, '--actor') }),
    ...(one(p, '--subject') === null ? {} : { subject: one(p, '--subject') }),
    ...(types === undefined ? {} : { types }),
  };
  const filter = AuditFilter.safeParse(candidate);
  if (!filter.success) {
    const where = filter.error.issues[0]?.path[0];
    throw new UsageError(
      `audit export: invalid --${typeof where === 'string' ? (where === 'types' ? 'type' : where) : 'filter'} ` +
        '(times are ISO 8601 in UTC, e.g. 2025-01-31T00:00:00Z; types as listed in docs/audit.md)',
    );
  }
  return filter.data;
}

export function parseAuditOptions(args: readonly string[]): AuditCommandOptions {
  const [sub, ...rest] = args;
  if (sub === 'verify') {
    const p = parse(sub, rest);
    noPositional(sub, p);
    const chainOnly = p.flags.has('--chain-only');
    if (chainOnly && one(p, '--passphrase-file') !== null) {
      throw new UsageError('audit verify: --chain-only needs no passphrase');
    }
    return {
      command: sub,
      dataDir: one(p, '--data-dir'),
      json: p.flags.has('--json'),
      passphraseFile: one(p, '--passphrase-file'),
      chainOnly,
    };
  }
  if (sub === 'export') {
    const p = parse(sub, rest);
    noPositional(sub, p);
    const out = one(p, '--out');
    if (out === null) throw new UsageError('audit export: --out DIR is required');
    const formats = (one(p, '--format') ?? 'jsonl,csv').split(',').map((f) => {
      const format = AuditExportFormat.safeParse(f.trim());
      if (!format.success)
        throw new UsageError(`audit export: --format takes jsonl, csv or both, not '${f}'`);
      return format.data;
    });
    const lang = one(p, '--lang');
    const language = lang === null ? null : Language.safeParse(lang);
    if (language && !language.success) throw new UsageError('audit export: --lang takes zh-CN or en');
    return {
      command: sub,
      dataDir: one(p, '--data-dir'),
      out,
      filter: exportFilter(p),
      formats: [...new Set(formats)],
      language: language ? language.data : null,
      passphraseFile: one(p, '--passphrase-file'),
    };
  }
  if (sub === 'verify-export') {
    const p = parse(sub, rest);
    const [directory, ...extra] = p.positional;
    if (directory === undefined || extra.length > 0)
      throw new UsageError('audit verify-export: give one export directory');
    return { command: sub, directory, publicKeyFile: one(p, '--public-key'), json: p.flags.has('--json') };
  }
  throw new UsageError(
    sub === undefined ? 'audit: say verify, export or verify-export' : `audit: unknown subcommand '${sub}'`,
  );
}
