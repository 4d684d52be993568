// The Configure form's pure checks (PEM shape, host, port), the input it sends, the client
// certificate's expiry warning and how a fingerprint and a subject are written.
import { describe, expect, it } from 'vitest';
import {
  certExpiry,
  configureInput,
  draftProblems,
  hostProblem,
  parsePort,
  PEM_MAX,
  pemProblem,
  shortFingerprint,
  subjectLine,
  type KeyServiceDraft,
} from './key-service-form';

const block = (label: string, body = 'MIIBszCCAVmgAwIBAgIU\nAbCd+/=') =>
  `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
const CERT = block('CERTIFICATE');
const KEY = block('PRIVATE KEY');

const draft = (overrides: Partial<KeyServiceDraft> = {}): KeyServiceDraft => ({
  host: 'kms.example',
  port: '5696',
  serverName: '',
  caPem: CERT,
  certPem: CERT,
  keyPem: KEY,
  ...overrides,
});

describe('pemProblem', () => {
  it('accepts one or more certificate blocks, with text around them', () => {
    expect(pemProblem(CERT, 'certificate')).toBeNull();
    expect(pemProblem(`subject=CN=ca\n${CERT}${CERT}`, 'certificate')).toBeNull();
    expect(pemProblem(CERT.replace(/\n/g, '\r\n'), 'certificate')).toBeNull();
  });

  it('accepts the usual unencrypted private key forms', () => {
    for (const label of ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY']) {
      expect(pemProblem(block(label), 'privateKey'), label).toBeNull();
    }
  });

  it('names what is wrong', () => {
    expect(pemProblem('', 'certificate')).toBe('required');
    expect(pemProblem('  \n', 'privateKey')).toBe('required');
    expect(pemProblem('MIIBszCCAVmgAwIBAgIU', 'certificate')).toBe('notPem');
    expect(pemProblem('-----BEGIN CERTIFICATE-----\nMIIB\n', 'certificate')).toBe('notPem');
    expect(pemProblem('-----BEGIN CERTIFICATE-----\nMIIB\n-----END PRIVATE KEY-----', 'certificate')).toBe(
      'notPem',
    );
    expect(pemProblem(KEY, 'certificate')).toBe('notCertificate');
    expect(pemProblem(CERT + KEY, 'certificate')).toBe('notCertificate');
    expect(pemProblem(CERT, 'privateKey')).toBe('notPrivateKey');
    expect(pemProblem(KEY + KEY, 'privateKey')).toBe('notPrivateKey');
    expect(pemProblem(block('PUBLIC KEY'), 'privateKey')).toBe('notPrivateKey');
    expect(pemProblem(block('ENCRYPTED PRIVATE KEY'), 'privateKey')).toBe('encryptedKey');
    expect(pemProblem(CERT + 'x'.repeat(PEM_MAX), 'certificate')).toBe('tooLong');
  });
});

describe('host and port', () => {
  it('takes a name or an address, never a URL or host:port with a scheme', () => {
    expect(hostProblem('kms.example')).toBeNull();
    expect(hostProblem(' 10.0.0.5 ')).toBeNull();
    expect(hostProblem('[::1]')).toBeNull();
    expect(hostProblem('')).toBe('required');
    expect(hostProblem('https://kms.example')).toBe('host');
    expect(hostProblem('kms example')).toBe('host');
    expect(hostProblem('a'.repeat(254))).toBe('tooLong');
  });

  it('reads a port from 1 to 65535', () => {
    expect(parsePort('5696')).toBe(5696);
    expect(parsePort(' 1 ')).toBe(1);
    expect(parsePort('65535')).toBe(65535);
    for (const bad of ['', '0', '65536', '56.9', '-1', 'abc', '123456'])
      expect(parsePort(bad), bad).toBeNull();
  });
});

describe('draftProblems and configureInput', () => {
  it('passes a complete draft and builds the call input (server name only when given)', () => {
    expect(draftProblems(draft())).toEqual({});
    expect(configureInput(draft({ host: ' kms.example ', port: '15696' }))).toEqual({
      host: 'kms.example',
      port: 15696,
      caPem: CERT,
      certPem: CERT,
      keyPem: KEY,
    });
    expect(configureInput(draft({ serverName: ' kmip.internal ' })).serverName).toBe('kmip.internal');
  });

  it('lists every field with a problem', () => {
    expect(draftProblems(draft({ host: '', port: '0', caPem: KEY, certPem: '', keyPem: CERT }))).toEqual({
      host: 'required',
      port: 'port',
      caPem: 'notCertificate',
      certPem: 'required',
      keyPem: 'notPrivateKey',
    });
    expect(draftProblems(draft({ serverName: 'a b' }))).toEqual({ serverName: 'host' });
  });
});

describe('certExpiry', () => {
  const now = Date.parse('2025-06-01T12:00:00.000Z');
  const inDays = (days: number) => new Date(now + days * 24 * 60 * 60 * 1000).toISOString();

  it('is quiet when more than 30 days are left', () => {
    expect(certExpiry(inDays(365), now)).toEqual({ kind: 'valid', days: 365 });
    expect(certExpiry(inDays(30), now)).toEqual({ kind: 'valid', days: 30 });
  });

  it('warns within 30 days', () => {
    expect(certExpiry(inDays(29.9), now)).toEqual({ kind: 'soon', days: 29 });
    expect(certExpiry(inDays(1), now)).toEqual({ kind: 'soon', days: 1 });
    expect(certExpiry(inDays(0.25), now)).toEqual({ kind: 'soon', days: 0 });
  });

  it('says expired from the moment it ends', () => {
    expect(certExpiry(inDays(0), now)).toEqual({ kind: 'expired', days: 0 });
    expect(certExpiry(inDays(-0.5), now)).toEqual({ kind: 'expired', days: 0 });
    expect(certExpiry(inDays(-3), now)).toEqual({ kind: 'expired', days: 3 });
  });

  it('is unknown without a readable date', () => {
    expect(certExpiry(null, now)).toEqual({ kind: 'unknown' });
    expect(certExpiry('not a date', now)).toEqual({ kind: 'unknown' });
  });
});

describe('shortFingerprint and subjectLine', () => {
  it('shortens a SHA-256 hex to its ends', () => {
    const hex = 'AB'.repeat(32);
    expect(shortFingerprint(hex)).toBe('abababab…abababab');
    expect(shortFingerprint('abcdef')).toBe('abcdef');
  });

  it('writes a multi-line subject on one line', () => {
    expect(subjectLine('C=CN\nO=Example Ltd\nCN=Key Service CA\n')).toBe(
      'C=CN, O=Example Ltd, CN=Key Service CA',
    );
  });
});
