// `station selftest` as a user runs it: the built CLI in its own process, under the provider this
// integration project forces (STATION_CRYPTO), in text and JSON form, with its exit codes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SelfTestReport } from '../../shared/status';

const CLI = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url));
const provider = process.env.STATION_CRYPTO ?? 'native';

function station(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('station selftest', () => {
  it(`passes with STATION_CRYPTO=${provider} and prints each test`, () => {
    const r = station(['selftest']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Crypto provider: ${provider}`);
    expect(r.stdout).toMatch(/PASS {2}sm4-ecb/);
    expect(r.stdout).toMatch(/PASS {2}sm2-sign-verify/);
    expect(r.stdout).toMatch(/All \d+ self-tests passed\./);
  });

  it('prints a machine-readable report with --json', () => {
    const r = station(['selftest', '--json']);
    expect(r.status).toBe(0);
    const report = SelfTestReport.parse(JSON.parse(r.stdout));
    expect(report.provider).toBe(provider);
    expect(report.passed).toBe(true);
    expect(report.results.every((t) => t.passed)).toBe(true);
  });

  it('refuses an unknown provider with a clear message and a non-zero exit', () => {
    const r = station(['selftest'], { STATION_CRYPTO: 'quantum' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/STATION_CRYPTO/);
  });

  it('refuses unknown options and commands with usage exit code 64', () => {
    expect(station(['selftest', '--yaml']).status).toBe(64);
    expect(station(['fly']).status).toBe(64);
  });
});
