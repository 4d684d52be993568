// Test-only: operators and sessions as the station would send them, with overrides per case.
import type { OperatorSummary, SessionInfo } from '../../shared/auth';

export function operator(overrides: Partial<OperatorSummary> = {}): OperatorSummary {
  return {
    id: 1,
    username: 'alice',
    displayName: 'Alice Zhang',
    roles: ['security_officer'],
    disabled: false,
    lockedUntil: null,
    createdAt: '2025-01-01T08:00:00.000Z',
    ...overrides,
  };
}

export function session(op: OperatorSummary | null = operator(), idleTimeoutSeconds = 900): SessionInfo {
  return { operator: op, idleTimeoutSeconds };
}
