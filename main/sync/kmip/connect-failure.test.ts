// Node's connect and TLS error codes, mapped to the errors an operator can act on.
import { describe, expect, it } from 'vitest';
import { connectFailure } from './connect-failure';

const failure = (code: string, tcpConnected = true) =>
  connectFailure(Object.assign(new Error(code), { code }), '10.0.0.1:5696', tcpConnected);

describe('connectFailure', () => {
  it.each([
    ['ECONNREFUSED', false, 'KmipConnectionError', 'connection-refused', undefined],
    ['EHOSTUNREACH', false, 'KmipConnectionError', 'connection-failed', undefined],
    ['ENOTFOUND', false, 'KmipConnectionError', 'connection-failed', undefined],
    ['ECONNRESET', true, 'KmipTlsError', 'tls-handshake', 'handshake-failed'],
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      true,
      'KmipTlsError',
      'tls-handshake',
      'server-certificate-untrusted',
    ],
    ['SELF_SIGNED_CERT_IN_CHAIN', true, 'KmipTlsError', 'tls-handshake', 'server-certificate-untrusted'],
    ['CERT_HAS_EXPIRED', true, 'KmipTlsError', 'tls-handshake', 'server-certificate-expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', true, 'KmipTlsError', 'tls-handshake', 'server-name-mismatch'],
    [
      'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
      true,
      'KmipTlsError',
      'tls-handshake',
      'client-certificate-expired',
    ],
    [
      'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
      true,
      'KmipTlsError',
      'tls-handshake',
      'client-certificate-unknown-ca',
    ],
    [
      'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
      true,
      'KmipTlsError',
      'tls-handshake',
      'client-certificate-rejected',
    ],
    ['ERR_SSL_WRONG_VERSION_NUMBER', true, 'KmipTlsError', 'tls-handshake', 'handshake-failed'],
  ] as const)('%s (TCP connected: %s) is %s %s %s', (code, tcp, name, errorCode, tlsFailure) => {
    const error = failure(code, tcp);
    expect(error.name).toBe(name);
    expect(error.code).toBe(errorCode);
    if (tlsFailure !== undefined) expect(error).toMatchObject({ failure: tlsFailure, retryable: false });
    else expect(error.retryable).toBe(true);
    expect(error.message).toContain('KMIP server 10.0.0.1:5696');
  });
});
