// The typed errors of the KMIP client: the connection (refused, failed, lost), the TLS handshake
// (with which side's certificate was refused and why), a timeout, a malformed response, and an
// operation the server refused (Result Status / Reason / Message). Messages name the endpoint,
// the operation and the object, never key bytes.
import { KeyServiceError } from '../key-service-errors';
import type { OperationName, ResultReasonName } from './ttlv/enumerations';

export class KmipConnectionError extends KeyServiceError {
  override readonly name = 'KmipConnectionError';
  readonly retryable = true;
  constructor(
    readonly code: 'connection-refused' | 'connection-failed' | 'connection-lost',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type KmipTlsFailure =
  | 'server-certificate-untrusted'
  | 'server-certificate-expired'
  | 'server-name-mismatch'
  | 'client-certificate-expired'
  | 'client-certificate-unknown-ca'
  | 'client-certificate-rejected'
  | 'handshake-failed';

export class KmipTlsError extends KeyServiceError {
  override readonly name = 'KmipTlsError';
  readonly code = 'tls-handshake';
  readonly retryable = false;
  constructor(
    readonly failure: KmipTlsFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class KmipTimeoutError extends KeyServiceError {
  override readonly name = 'KmipTimeoutError';
  readonly code = 'timeout';
  readonly retryable = true;
  constructor(
    readonly phase: 'connect' | 'response',
    message: string,
  ) {
    super(message);
  }
}

export class KmipMalformedResponseError extends KeyServiceError {
  override readonly name = 'KmipMalformedResponseError';
  readonly code = 'malformed-response';
  readonly retryable = false;
}

/** Status of a batch item that failed: the server's Result Status, or NotProcessed when it skipped it. */
export type KmipFailureStatus = 'OperationFailed' | 'OperationPending' | 'OperationUndone' | 'NotProcessed';

/** Result reasons worth retrying unchanged: the server's own trouble, or an item it never reached. */
const RETRYABLE_REASONS: ReadonlySet<string> = new Set(['GeneralFailure', 'OperationCanceledByRequester']);

export class KmipOperationError extends KeyServiceError {
  override readonly name = 'KmipOperationError';
  readonly code = 'operation-failed';
  readonly retryable: boolean;
  constructor(
    readonly operation: OperationName | 'Message',
    readonly status: KmipFailureStatus,
    /** The Result Reason's name, or 'Unknown(0x…)' for a value outside KMIP 1.4's table. */
    readonly reason: ResultReasonName | `Unknown(${string})` | 'None',
    /** The server's Result Message, trimmed and stripped of control characters. */
    readonly serverMessage: string,
    subject: string,
  ) {
    const said = serverMessage === '' ? '' : `: ${serverMessage}`;
    super(`KMIP ${operation} ${subject} failed (${status}, ${reason})${said}`);
    this.retryable =
      status === 'NotProcessed' || status === 'OperationPending' || RETRYABLE_REASONS.has(reason);
  }
}
