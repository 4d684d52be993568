// Sessions held in main: one per signed-in connection (a WebSocket, an Electron window), ended by
// logout or after an idle timeout. The renderer holds nothing but its connection.
import { randomUUID } from 'node:crypto';
import type { Role } from '../../shared/roles';

export interface Session {
  readonly id: string;
  readonly operatorId: number;
  readonly username: string;
  readonly roles: readonly Role[];
  readonly startedAt: Date;
  lastSeenAt: Date;
}

/** One per transport connection; login and logout set its session id. */
export interface Connection {
  sessionId: string | null;
}

export const DEFAULT_IDLE_TIMEOUT_SECONDS = 15 * 60;

export class SessionManager {
  private readonly sessions = new Map<string, Session>();

  constructor(
    readonly idleTimeoutSeconds: number = DEFAULT_IDLE_TIMEOUT_SECONDS,
    private readonly now: () => Date = () => new Date(),
    /** Told when a session ends by idling, so it can be audited. */
    private readonly onExpired: (session: Session) => void = () => {},
  ) {}

  start(connection: Connection, operator: { id: number; username: string; roles: readonly Role[] }): Session {
    this.end(connection);
    const at = this.now();
    const session: Session = {
      id: randomUUID(),
      operatorId: operator.id,
      username: operator.username,
      roles: [...operator.roles],
      startedAt: at,
      lastSeenAt: at,
    };
    this.sessions.set(session.id, session);
    connection.sessionId = session.id;
    return session;
  }

  /**
   * The live session of a connection, or null when none or expired. `touch` refreshes its idle
   * clock: deliberate actions do, background reads (public status polls) must not keep it alive.
   */
  resolve(connection: Connection, touch = true): Session | null {
    if (connection.sessionId === null) return null;
    const session = this.sessions.get(connection.sessionId);
    if (!session) {
      connection.sessionId = null;
      return null;
    }
    const at = this.now();
    if (at.getTime() - session.lastSeenAt.getTime() > this.idleTimeoutSeconds * 1000) {
      this.sessions.delete(session.id);
      connection.sessionId = null;
      this.onExpired(session);
      return null;
    }
    if (touch) session.lastSeenAt = at;
    return session;
  }

  end(connection: Connection): Session | null {
    const session = connection.sessionId === null ? undefined : this.sessions.get(connection.sessionId);
    connection.sessionId = null;
    if (!session) return null;
    this.sessions.delete(session.id);
    return session;
  }

  /** Ends every session of an operator (disabled, roles changed, password reset). */
  endAllFor(operatorId: number): void {
    for (const [id, session] of this.sessions)
      if (session.operatorId === operatorId) this.sessions.delete(id);
  }
}
