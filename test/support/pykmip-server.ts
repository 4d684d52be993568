// Test harness: a real PyKMIP server (`pykmip-server`, Debian's python3-pykmip 0.10, run by
// /usr/bin/python3) on 127.0.0.1 and a free port, with mutual TLS 1.2, an empty policy folder and
// its SQLite database in a temporary folder (in /dev/shm where there is one: see MEMORY_FS). The PKI is made at test time with the openssl CLI
// (P-256): a CA, the server certificate (IP 127.0.0.1), the station's client certificate, and the
// bad ones the tests need (an expired client certificate, one from another CA, a server
// certificate for the wrong name). start() returns once the server completes a TLS handshake;
// stop() sends SIGINT and escalates to SIGTERM, then SIGKILL (PyKMIP can take seconds to stop);
// kill() is a crash (SIGKILL). Signals go to the server's own process group, so the policy
// monitor PyKMIP forks never outlives it. readWithPyKmip() reads objects back with PyKMIP's
// python client.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { errorCode } from '../../main/store/error-code';
import type { KmipClientOptions } from '../../main/sync/kmip/kmip-client';

const PYTHON = '/usr/bin/python3';
const PYKMIP_SERVER = '/usr/bin/pykmip-server';
/** PyKMIP commits each Register to SQLite: on a disk-backed /tmp the fsyncs cap it near 30/s. */
const MEMORY_FS = '/dev/shm';
const READER = fileURLToPath(new URL('./pykmip-read.py', import.meta.url));

export interface CertificateFiles {
  readonly certPath: string;
  readonly keyPath: string;
  readonly cert: string;
  readonly key: string;
}

export interface TestPki {
  readonly caPath: string;
  readonly ca: string;
  /** Another CA, which issued nothing the server presents. */
  readonly foreignCa: string;
  readonly server: CertificateFiles;
  readonly wrongNameServer: CertificateFiles;
  readonly client: CertificateFiles;
  readonly expiredClient: CertificateFiles;
  readonly foreignClient: CertificateFiles;
}

function openssl(args: readonly string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8') ?? '';
    throw new Error(`openssl ${args[0] ?? ''} failed: ${stderr.trim()}`, { cause: error });
  }
}

function selfSignedCa(dir: string, name: string, subject: string): void {
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      '30',
      '-subj',
      subject,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
}

function files(dir: string, name: string): CertificateFiles {
  const certPath = join(dir, `${name}.pem`);
  const keyPath = join(dir, `${name}.key`);
  return { certPath, keyPath, cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
}

/** A key, and a certificate for it signed by `ca` with the extensions in `extensions`. */
function leaf(dir: string, name: string, ca: string, subject: string, extensions: string): CertificateFiles {
  openssl(
    [
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    ],
    dir,
  );
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.pem`,
      '-CAkey',
      `${ca}.key`,
      '-CAcreateserial',
      '-days',
      '30',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`,
    ],
    dir,
  );
  return files(dir, name);
}

/** A client certificate of the test CA valid only during 1-2 January 2020 (`openssl ca` sets the dates). */
function expiredLeaf(dir: string, name: string): CertificateFiles {
  mkdirSync(join(dir, 'ca-db'));
  writeFileSync(join(dir, 'ca-db', 'index.txt'), '');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      'database = ca-db/index.txt',
      'new_certs_dir = ca-db',
      'serial = ca-db/serial',
      'default_md = sha256',
      'policy = any_name',
      'unique_subject = no',
      '[any_name]',
      'commonName = supplied',
      '[client_ext]',
      'basicConstraints = CA:FALSE',
      'extendedKeyUsage = clientAuth',
    ].join('\n'),
  );
  openssl(
    [
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      '/CN=station-test',
    ],
    dir,
  );
  openssl(
    [
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-cert',
      'ca.pem',
      '-keyfile',
      'ca.key',
      '-in',
      `${name}.csr`,
      '-out',
      `${name}.pem`,
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200102000000Z',
      '-extensions',
      'client_ext',
      '-notext',
      '-rand_serial',
    ],
    dir,
  );
  return files(dir, name);
}

export function makeTestPki(dir: string): TestPki {
  mkdirSync(dir, { recursive: true });
  selfSignedCa(dir, 'ca', '/CN=KMIP test CA');
  selfSignedCa(dir, 'other-ca', '/CN=Some other CA');
  const serverExt = (san: string): string =>
    `subjectAltName=${san}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`;
  const clientExt = 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n';
  return {
    caPath: join(dir, 'ca.pem'),
    ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    foreignCa: readFileSync(join(dir, 'other-ca.pem'), 'utf8'),
    server: leaf(dir, 'server', 'ca', '/CN=127.0.0.1', serverExt('IP:127.0.0.1,DNS:localhost')),
    wrongNameServer: leaf(
      dir,
      'wrong-name-server',
      'ca',
      '/CN=wrong-name.invalid',
      serverExt('DNS:wrong-name.invalid'),
    ),
    client: leaf(dir, 'client', 'ca', '/CN=station-test', clientExt),
    expiredClient: expiredLeaf(dir, 'expired-client'),
    foreignClient: leaf(dir, 'foreign-client', 'other-ca', '/CN=station-test', clientExt),
  };
}

export interface PyKmipServer {
  readonly host: string;
  readonly port: number;
  readonly dir: string;
  readonly pki: TestPki;
  readonly logPath: string;
  /** Options for a KmipClient of this server with the station's (valid) client certificate. */
  clientOptions(overrides?: Partial<KmipClientOptions>): KmipClientOptions;
  /** (Re)starts the server on the same port, database and certificates. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL: the server dies mid-whatever, as in a crash. */
  kill(): Promise<void>;
  /** stop() and remove the temporary folder (unless it was given). */
  dispose(): Promise<void>;
}

export interface PyKmipServerOptions {
  /** Share a PKI between servers; made in the server's folder when absent. */
  readonly pki?: TestPki;
  /** Which certificate the server presents; default the valid one. */
  readonly serverCertificate?: 'valid' | 'wrong-name';
  readonly startTimeoutMs?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startPyKmipServer(options: PyKmipServerOptions = {}): Promise<PyKmipServer> {
  const dir = mkdtempSync(join(existsSync(MEMORY_FS) ? MEMORY_FS : tmpdir(), 'pykmip-'));
  const pki = options.pki ?? makeTestPki(join(dir, 'pki'));
  const served = options.serverCertificate === 'wrong-name' ? pki.wrongNameServer : pki.server;
  const port = await freePort();
  const host = '127.0.0.1';
  mkdirSync(join(dir, 'policies'));
  const configPath = join(dir, 'server.conf');
  const logPath = join(dir, 'server.log');
  writeFileSync(
    configPath,
    [
      '[server]',
      `hostname=${host}`,
      `port=${port}`,
      `certificate_path=${served.certPath}`,
      `key_path=${served.keyPath}`,
      `ca_path=${pki.caPath}`,
      'auth_suite=TLS1.2',
      `policy_path=${join(dir, 'policies')}`,
      'enable_tls_client_auth=True',
      `database_path=${join(dir, 'kmip.sqlite')}`,
      'logging_level=INFO',
      '',
    ].join('\n'),
  );
  let child: ChildProcess | undefined;
  let stderr = '';

  const running = (proc: ChildProcess): boolean => proc.exitCode === null && proc.signalCode === null;
  /** Resolves when `proc` exits or after `ms`, whichever comes first. */
  const exitWithin = (proc: ChildProcess, ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (!running(proc)) return resolve();
      const timer = setTimeout(resolve, ms);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  /** Signals the server's process group: PyKMIP forks its policy monitor, which must go too. */
  const signalGroup = (proc: ChildProcess, signal: NodeJS.Signals): void => {
    if (proc.pid === undefined) return;
    try {
      process.kill(-proc.pid, signal);
    } catch (error) {
      if (errorCode(error) !== 'ESRCH') throw error;
    }
  };

  /** Each signal in turn until the server exits, then SIGKILL for whatever of its group is left. */
  const end = async (proc: ChildProcess, signals: readonly [NodeJS.Signals, number][]): Promise<void> => {
    for (const [signal, ms] of signals) {
      if (!running(proc)) break;
      signalGroup(proc, signal);
      await exitWithin(proc, ms);
    }
    signalGroup(proc, 'SIGKILL');
  };

  const server: PyKmipServer = {
    host,
    port,
    dir,
    pki,
    logPath,
    clientOptions: (overrides = {}) => ({
      host,
      port,
      ca: pki.ca,
      cert: pki.client.cert,
      key: pki.client.key,
      connectTimeoutMs: 5000,
      responseTimeoutMs: 60_000,
      ...overrides,
    }),
    start: async () => {
      stderr = '';
      const proc = spawn(PYTHON, [PYKMIP_SERVER, '-f', configPath, '-l', logPath], {
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      });
      child = proc;
      proc.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-4000);
      });
      const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
      while (!(await handshakes(host, port, pki))) {
        if (!running(proc) || Date.now() > deadline) {
          await end(proc, [['SIGKILL', 2000]]);
          throw new Error(`pykmip-server did not start on ${host}:${port}: ${stderr.slice(-1500)}`);
        }
        await delay(100);
      }
    },
    stop: async () => {
      const proc = child;
      child = undefined;
      if (proc === undefined) return;
      await end(proc, [
        ['SIGINT', 8000],
        ['SIGTERM', 3000],
        ['SIGKILL', 3000],
      ]);
    },
    kill: async () => {
      const proc = child;
      child = undefined;
      if (proc !== undefined) await end(proc, [['SIGKILL', 3000]]);
    },
    dispose: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

/**
 * True once the server completes a mutual-TLS handshake with the station's certificate. The
 * server's name is not checked: the wrong-name server must come up too.
 */
function handshakes(host: string, port: number, pki: TestPki): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port,
      ca: pki.ca,
      cert: pki.client.cert,
      key: pki.client.key,
      timeout: 2000,
      checkServerIdentity: () => undefined,
    });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const readResult = z.object({
  objects: z.record(
    z.string(),
    z.object({
      key: z.string(),
      algorithm: z.string(),
      length: z.number(),
      format: z.string(),
      names: z.array(z.string()),
      groups: z.array(z.string()),
      asi: z.array(z.tuple([z.string(), z.string()])),
    }),
  ),
  byName: z.record(z.string(), z.array(z.string())),
  byGroup: z.record(z.string(), z.array(z.string())),
});
export type PyKmipReadResult = z.infer<typeof readResult>;

export interface PyKmipReadRequest {
  /** Objects to Get, by Unique Identifier. */
  readonly get?: readonly string[];
  /** Also read each got object's Name, Object Group and Application Specific Information. */
  readonly attributes?: boolean;
  /** Locate by Name, and by Object Group. */
  readonly names?: readonly string[];
  readonly groups?: readonly string[];
}

/** Gets objects by id and Locates by Name / Object Group with PyKMIP's python client (ProxyKmipClient). */
export async function readWithPyKmip(
  server: PyKmipServer,
  request: PyKmipReadRequest,
): Promise<PyKmipReadResult> {
  const config = join(server.dir, 'client.conf');
  writeFileSync(config, '');
  const { client } = server.pki;
  const args = [
    READER,
    server.host,
    String(server.port),
    client.certPath,
    client.keyPath,
    server.pki.caPath,
    config,
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const proc = spawn(PYTHON, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    proc.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    proc.once('error', reject);
    proc.once('exit', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`pykmip-read.py exited with ${String(code)}: ${stderr.slice(-1500)}`));
    });
    proc.stdin.end(JSON.stringify(request));
  });
  return readResult.parse(JSON.parse(output));
}
