// Names why a TLS connection to the key server could not be made, from Node's error codes: refused
// or unreachable (no TCP connection), our check of the server (untrusted CA, expired certificate,
// wrong name), or the server's refusal of our client certificate (its TLS alert: expired, unknown
// CA, bad certificate). Anything else during the handshake is a handshake failure.
import { errorCode } from '../../store/error-code';
import type { KeyServiceError } from '../key-service-errors';
import { KmipConnectionError, KmipTlsError, type KmipTlsFailure } from './kmip-errors';

const UNREACHABLE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EADDRNOTAVAIL',
]);

interface TlsExplanation {
  readonly failure: KmipTlsFailure;
  readonly says: string;
  readonly codes: readonly string[];
}

const TLS_FAILURES: readonly TlsExplanation[] = [
  {
    failure: 'server-certificate-untrusted',
    says: 'the server certificate is not issued by the pinned CA',
    codes: [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'CERT_SIGNATURE_FAILURE',
      'CERT_UNTRUSTED',
      'CERT_REJECTED',
      'INVALID_CA',
    ],
  },
  {
    failure: 'server-certificate-expired',
    says: 'the server certificate is outside its validity period',
    codes: ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'],
  },
  {
    failure: 'server-name-mismatch',
    says: 'the server certificate is not for the expected name',
    codes: ['ERR_TLS_CERT_ALTNAME_INVALID'],
  },
  {
    failure: 'client-certificate-expired',
    says: 'the server refused the client certificate as expired',
    codes: ['ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED'],
  },
  {
    failure: 'client-certificate-unknown-ca',
    says: 'the server does not trust the CA that issued the client certificate',
    codes: ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA'],
  },
  {
    failure: 'client-certificate-rejected',
    says: 'the server refused the client certificate',
    codes: [
      'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
      'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
      'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE',
      'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED',
      'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
      'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
    ],
  },
];

/** The typed error for a failed connect; `tcpConnected` tells a refused TCP connect from a failed handshake. */
export function connectFailure(error: unknown, endpoint: string, tcpConnected: boolean): KeyServiceError {
  const code = errorCode(error) ?? 'unknown';
  const options = { cause: error };
  if (code === 'ECONNREFUSED') {
    return new KmipConnectionError(
      'connection-refused',
      `KMIP server ${endpoint} refused the connection`,
      options,
    );
  }
  const tls = TLS_FAILURES.find((explanation) => explanation.codes.includes(code));
  if (tls !== undefined) {
    return new KmipTlsError(
      tls.failure,
      `TLS handshake with KMIP server ${endpoint} failed: ${tls.says} (${code})`,
      options,
    );
  }
  if (!tcpConnected && (UNREACHABLE.has(code) || !code.startsWith('ERR_SSL'))) {
    return new KmipConnectionError(
      'connection-failed',
      `cannot reach KMIP server ${endpoint} (${code})`,
      options,
    );
  }
  const detail = code === 'ECONNRESET' ? 'the server closed the connection' : code;
  return new KmipTlsError(
    'handshake-failed',
    `TLS handshake with KMIP server ${endpoint} failed: ${detail}`,
    options,
  );
}
