// `station ceremony kmc` in-process against a real data directory: custodians sign in with
// passwords from files or the environment, components come from files, the station's rules still
// apply (a wrong sheet KCV aborts and cancels the ceremony), and the output shows check values
// only. The station is this issue's services behind the real dispatcher and handlers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  expectNoSecrets,
  expectOk,
  makeTestServices,
  OFFICER,
  PASSPHRASE,
  setUpStation,
  type TestServices,
} from '../auth/test-services';
import { bytesToHex, hexToBytes } from '../crypto/bytes';
import { sm4KeyCheckValue } from '../crypto/key-check-value';
import { selectProvider } from '../crypto/select-provider';
import { xorComponents } from '../ceremony/key-components';
import { ceremonyCommand, parseComponentFile, type OpenCeremonyStation } from './ceremony-command';
import { passwordEnvName } from './secret-inputs';
import { UsageError } from './selftest-command';

const A = '0123456789abcdeffedcba9876543210';
const B = '00112233445566778899aabbccddeeff';
const CAROL_PASSWORD = 'carol-password-1';
const provider = selectProvider(process.env);
const kcv = (...hex: string[]): string =>
  bytesToHex(sm4KeyCheckValue(provider, xorComponents(hex.map(hexToBytes))));

let dir: string;
let files: string;
let opened: TestServices[];
const open: OpenCeremonyStation = (dataDir) => {
  const s = makeTestServices({ dataDir });
  opened.push(s);
  return { dispatch: s.dispatch, close: () => s.close() };
};

function file(name: string, content: string): string {
  const path = join(files, name);
  writeFileSync(path, content);
  return path;
}

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await ceremonyCommand(
    args,
    { out: (text) => (out += text), env: { STATION_PASSPHRASE: PASSPHRASE, ...env } },
    open,
  );
  return { code, out };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-cli-'));
  files = mkdtempSync(join(tmpdir(), 'station-cli-files-'));
  opened = [];
  const s = makeTestServices({ dataDir: dir });
  const alice = await setUpStation(s);
  await expectOk(s, alice, 'operators.create', {
    username: 'carol',
    displayName: 'Carol',
    roles: ['security_officer'],
    password: CAROL_PASSWORD,
  });
  s.close();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

function reopen(): TestServices {
  const s = makeTestServices({ dataDir: dir });
  opened.push(s);
  return s;
}

describe('station ceremony kmc', () => {
  it('loads the KMC from two custodians, printing check values only', async () => {
    const args = [
      'kmc',
      '--data-dir',
      dir,
      '--custodian',
      `alice=${file('a.txt', `# alice's component\n${A.replace(/(.{4})/g, '$1 ')}\nKCV: ${kcv(A).toUpperCase()}\n`)}`,
      '--custodian',
      `carol=${file('b.txt', `${B}\n`)}`,
      '--password-file',
      `alice=${file('alice.pw', `${OFFICER.password}\n`)}`,
    ];
    const { code, out } = await run(args, { [passwordEnvName('carol')]: CAROL_PASSWORD });
    expect(code).toBe(0);
    expect(out).toContain(`alice: component accepted, KCV ${kcv(A)} (matches the sheet)`);
    expect(out).toContain(`carol: component accepted, KCV ${kcv(B)} (no KCV in the file to compare with)`);
    expect(out).toContain(`Combined KCV: ${kcv(A, B)}`);
    expectNoSecrets(out, [A, B, OFFICER.password, CAROL_PASSWORD, PASSPHRASE]);

    const s = reopen();
    await expectOk(s, { sessionId: null }, 'station.unlock', { passphrase: PASSPHRASE });
    expect(s.ceremony.activeKey()).toMatchObject({ kcv: kcv(A, B), custodians: ['alice', 'carol'] });
    const types = s.audit.types();
    expect(types.slice(types.indexOf('station.unlocked', 4))).toEqual([
      'station.unlocked',
      'auth.login',
      'auth.login',
      'ceremony.started',
      'ceremony.componentAccepted',
      'ceremony.componentAccepted',
      'ceremony.completed',
      'auth.logout',
      'auth.logout',
      'station.unlocked',
    ]);
    expectNoSecrets(s.audit.entries(), [A, B, OFFICER.password, CAROL_PASSWORD, PASSPHRASE]);
    s.close();
  });

  it('stops at a component that does not match its sheet, cancelling the ceremony', async () => {
    const args = [
      'kmc',
      '--data-dir',
      dir,
      '--custodian',
      `alice=${file('a.txt', A)}`,
      '--custodian',
      `carol=${file('b.txt', `${B}\n${kcv(A)}`)}`,
      '--password-file',
      `alice=${file('alice.pw', OFFICER.password)}`,
      '--password-file',
      `carol=${file('carol.pw', CAROL_PASSWORD)}`,
    ];
    await expect(run(args)).rejects.toThrow(/^carol: The component does not match the check value/);
    const s = reopen();
    await expectOk(s, { sessionId: null }, 'station.unlock', { passphrase: PASSPHRASE });
    expect(s.ceremony.activeKey()).toBeNull();
    expect(s.audit.types()).toContain('ceremony.componentRejected');
    expect(s.audit.types()).toContain('ceremony.cancelled');
    s.close();
  });

  it('refuses a wrong password or a locked station in the station’s words', async () => {
    const base = [
      'kmc',
      '--data-dir',
      dir,
      '--custodian',
      `alice=${file('a.txt', A)}`,
      '--custodian',
      `carol=${file('b.txt', B)}`,
    ];
    const env = {
      [passwordEnvName('alice')]: OFFICER.password,
      [passwordEnvName('carol')]: 'not-carols-password',
    };
    await expect(run(base, env)).rejects.toThrow('carol: Wrong username or password.');
    await expect(run(base, { ...env, STATION_PASSPHRASE: 'wrong passphrase' })).rejects.toThrow(
      'station: Wrong station passphrase.',
    );
    await expect(run(base, { ...env, STATION_PASSPHRASE: '' })).rejects.toThrow(
      /alice: The station is locked/,
    );
  });

  it.each([
    [['kmc', '--custodian', 'alice=a.txt'], /2 to 5 custodians/],
    [['kmc', '--custodian', 'alice=a.txt', '--custodian', 'ALICE=b.txt'], /alice is named twice/],
    [['kmc', '--custodian', 'alice'], /USER=FILE/],
    [['kek', '--custodian', 'alice=a', '--custodian', 'carol=b'], /only key/],
    [
      ['kmc', '--custodian', 'alice=a', '--custodian', 'carol=b', '--password-file', 'dave=p'],
      /dave, who is not a custodian/,
    ],
    [
      ['kmc', '--custodian', 'alice=a', '--custodian', 'carol=b', '--verbose'],
      /unknown or incomplete option --verbose/,
    ],
  ])('refuses bad usage %j', async (args, message) => {
    await expect(run(args)).rejects.toThrow(UsageError);
    await expect(run(args)).rejects.toThrow(message);
  });

  it('asks for a missing password by the name of its environment variable', async () => {
    const args = [
      'kmc',
      '--data-dir',
      dir,
      '--custodian',
      `alice=${file('a.txt', A)}`,
      '--custodian',
      `carol=${file('b.txt', B)}`,
    ];
    await expect(run(args, { [passwordEnvName('alice')]: OFFICER.password })).rejects.toThrow(
      /STATION_PASSWORD_CAROL/,
    );
    expect(opened).toHaveLength(0);
  });
});

describe('component files', () => {
  it('reads a component with optional spaces, comments and a KCV line', () => {
    expect(parseComponentFile(`# sheet 1\n\n${A.toUpperCase()}\n`, 'f')).toEqual({
      component: A,
      sheetKcv: null,
    });
    expect(parseComponentFile(`${A.slice(0, 16)} ${A.slice(16)}\r\nkcv = AB CD EF\r\n`, 'f')).toEqual({
      component: A,
      sheetKcv: 'abcdef',
    });
    expect(parseComponentFile(`${A}\n123456`, 'f').sheetKcv).toBe('123456');
  });

  it('refuses anything else without quoting the file', () => {
    for (const bad of [
      '',
      `${A}00`,
      `${A}\nKCV: 12345`,
      `${A}\n123456\nextra`,
      'not hex at all but 32 chars long!',
    ]) {
      let message = '';
      try {
        parseComponentFile(bad, 'component file of alice');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^component file of alice: /);
      expect(message).not.toContain(A);
    }
  });
});
