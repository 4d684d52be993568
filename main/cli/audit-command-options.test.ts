// Option parsing of `station audit …`: every option of each subcommand, filters validated with the
// contract's schema, and usage errors for anything else.
import { describe, expect, it } from 'vitest';
import { parseAuditOptions } from './audit-command-options';
import { UsageError } from './selftest-command';

describe('parseAuditOptions', () => {
  it('reads verify, export and verify-export options', () => {
    expect(parseAuditOptions(['verify', '--data-dir', '/d', '--json', '--chain-only'])).toEqual({
      command: 'verify',
      dataDir: '/d',
      json: true,
      passphraseFile: null,
      chainOnly: true,
    });
    expect(
      parseAuditOptions([
        'export',
        '--out=/x',
        '--from',
        '2025-01-01T00:00:00Z',
        '--actor',
        'bob',
        '--type',
        'auth.login,auth.logout',
        '--type',
        'audit.exported',
        '--format',
        'csv',
        '--lang',
        'zh-CN',
      ]),
    ).toEqual({
      command: 'export',
      dataDir: null,
      out: '/x',
      filter: {
        from: '2025-01-01T00:00:00Z',
        actor: 'bob',
        types: ['auth.login', 'auth.logout', 'audit.exported'],
      },
      formats: ['csv'],
      language: 'zh-CN',
      passphraseFile: null,
    });
    expect(parseAuditOptions(['verify-export', 'dir', '--public-key', 'k.pem'])).toEqual({
      command: 'verify-export',
      directory: 'dir',
      publicKeyFile: 'k.pem',
      json: false,
    });
  });

  it('refuses what it does not understand with a UsageError', () => {
    for (const args of [
      [],
      ['nonsense'],
      ['verify', '--bogus'],
      ['verify', '--data-dir'],
      ['verify', '--chain-only', '--passphrase-file', 'f'],
      ['verify', 'extra'],
      ['export'],
      ['export', '--out', 'x', '--from', 'yesterday'],
      ['export', '--out', 'x', '--type', 'no.such'],
      ['export', '--out', 'x', '--format', 'xml'],
      ['export', '--out', 'x', '--lang', 'fr'],
      ['export', '--out', 'x', '--out', 'y'],
      ['verify-export'],
      ['verify-export', 'a', 'b'],
    ]) {
      expect(() => parseAuditOptions(args), args.join(' ')).toThrow(UsageError);
    }
  });
});
