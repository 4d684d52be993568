// Pure helpers for Settings → Key service: the client-side checks of the Configure form (the
// station checks again and has the last word: the certificates parse, the key belongs to the
// client certificate), the input sent to sync.configure, how soon the client certificate
// expires, and how a subject and a fingerprint are written on screen.
import type { MethodInput } from '../../../shared/contract';

/** As the contract: a PEM field holds at most 64 KiB. */
export const PEM_MAX = 64 * 1024;
export const HOST_MAX = 253;
export const DEFAULT_PORT = 5696;
/** A client certificate expiring within this many days is flagged. */
export const EXPIRY_WARNING_DAYS = 30;

export type PemKind = 'certificate' | 'privateKey';

export type PemProblem =
  'required' | 'notPem' | 'notCertificate' | 'notPrivateKey' | 'encryptedKey' | 'tooLong';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** The labels of the complete PEM blocks in the text ("CERTIFICATE", "PRIVATE KEY", …). */
export function pemLabels(text: string): string[] {
  return [...text.matchAll(PEM_BLOCK)].map((m) => m[1] ?? '');
}

/**
 * Whether the text looks like what the field asks for: one or more "-----BEGIN CERTIFICATE-----"
 * blocks for a certificate (a CA file may hold a chain), or one unencrypted private key block.
 */
export function pemProblem(text: string, kind: PemKind): PemProblem | null {
  if (text.trim() === '') return 'required';
  if (text.length > PEM_MAX) return 'tooLong';
  const labels = pemLabels(text);
  if (labels.length === 0) return 'notPem';
  if (kind === 'certificate') {
    return labels.every((l) => l === 'CERTIFICATE' || l === 'X509 CERTIFICATE') ? null : 'notCertificate';
  }
  if (labels.length !== 1) return 'notPrivateKey';
  if (labels[0] === 'ENCRYPTED PRIVATE KEY') return 'encryptedKey';
  return labels[0]?.endsWith('PRIVATE KEY') ? null : 'notPrivateKey';
}

export type HostProblem = 'required' | 'tooLong' | 'host';

export function hostProblem(text: string): HostProblem | null {
  const host = text.trim();
  if (host === '') return 'required';
  if (host.length > HOST_MAX) return 'tooLong';
  // A name or an address, never a URL or host:port (the port has its own field).
  return /^[A-Za-z0-9._\-[\]:]+$/.test(host) && !host.includes('://') ? null : 'host';
}

/** The optional server name: empty means "the host". */
export function serverNameProblem(text: string): HostProblem | null {
  return text.trim() === '' ? null : hostProblem(text);
}

/** The port as a number, or null when it is not a whole number from 1 to 65535. */
export function parsePort(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const port = Number(trimmed);
  return port >= 1 && port <= 65535 ? port : null;
}

export interface KeyServiceDraft {
  readonly host: string;
  readonly port: string;
  readonly serverName: string;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

export type DraftField = keyof KeyServiceDraft;

/** Each field's problem, worded by the form; a field without one is left out. */
export interface DraftProblems {
  readonly host?: HostProblem;
  readonly port?: 'port';
  readonly serverName?: HostProblem;
  readonly caPem?: PemProblem;
  readonly certPem?: PemProblem;
  readonly keyPem?: PemProblem;
}

export function draftProblems(draft: KeyServiceDraft): DraftProblems {
  const host = hostProblem(draft.host);
  const serverName = serverNameProblem(draft.serverName);
  const caPem = pemProblem(draft.caPem, 'certificate');
  const certPem = pemProblem(draft.certPem, 'certificate');
  const keyPem = pemProblem(draft.keyPem, 'privateKey');
  return {
    ...(host && { host }),
    ...(parsePort(draft.port) === null && { port: 'port' as const }),
    ...(serverName && { serverName }),
    ...(caPem && { caPem }),
    ...(certPem && { certPem }),
    ...(keyPem && { keyPem }),
  };
}

/** What sync.configure receives from a draft without problems (host and names trimmed). */
export function configureInput(draft: KeyServiceDraft): MethodInput<'sync.configure'> {
  const serverName = draft.serverName.trim();
  return {
    host: draft.host.trim(),
    port: parsePort(draft.port) ?? DEFAULT_PORT,
    ...(serverName === '' ? {} : { serverName }),
    caPem: draft.caPem,
    certPem: draft.certPem,
    keyPem: draft.keyPem,
  };
}

export type CertExpiry =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'expired'; readonly days: number }
  | { readonly kind: 'soon'; readonly days: number }
  | { readonly kind: 'valid'; readonly days: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How the client certificate's expiry stands at `now`: expired (days since, at least 0), soon
 * (within EXPIRY_WARNING_DAYS; whole days left, rounded down), or valid.
 */
export function certExpiry(notAfter: string | null, now: number): CertExpiry {
  if (notAfter === null) return { kind: 'unknown' };
  const end = Date.parse(notAfter);
  if (Number.isNaN(end)) return { kind: 'unknown' };
  const left = end - now;
  if (left <= 0) return { kind: 'expired', days: Math.floor((now - end) / DAY_MS) };
  const days = Math.floor(left / DAY_MS);
  return days < EXPIRY_WARNING_DAYS ? { kind: 'soon', days } : { kind: 'valid', days };
}

/** A fingerprint cut to its first and last characters, for a line on screen (copy gives it whole). */
export function shortFingerprint(hex: string, keep = 8): string {
  const clean = hex.toLowerCase();
  return clean.length <= keep * 2 + 1 ? clean : `${clean.slice(0, keep)}…${clean.slice(-keep)}`;
}

/** An X.509 subject as Node writes it (one attribute a line) on one line: "CN=a, O=b". */
export function subjectLine(subject: string): string {
  return subject
    .split(/\r?\n/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(', ');
}
