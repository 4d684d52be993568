// Sessions idle out after their timeout; only deliberate calls (touch) keep them alive, so a
// background status poll cannot hold a forgotten sign-in open.
import { describe, expect, it } from 'vitest';
import { SessionManager, type Connection } from './session-manager';

describe('SessionManager', () => {
  it('expires an idle session even when it is read without touching, and reports the expiry', () => {
    let now = new Date('2030-01-01T08:00:00Z');
    const expired: string[] = [];
    const sessions = new SessionManager(
      60,
      () => now,
      (s) => expired.push(s.username),
    );
    const connection: Connection = { sessionId: null };
    sessions.start(connection, { id: 1, username: 'ann', roles: ['operator'] });

    now = new Date('2030-01-01T08:00:50Z');
    expect(sessions.resolve(connection, false)?.username).toBe('ann');
    now = new Date('2030-01-01T08:01:05Z');
    expect(sessions.resolve(connection, false)).toBeNull();
    expect(connection.sessionId).toBeNull();
    expect(expired).toEqual(['ann']);
  });

  it('keeps a session alive while it is touched', () => {
    let now = new Date('2030-01-01T08:00:00Z');
    const sessions = new SessionManager(60, () => now);
    const connection: Connection = { sessionId: null };
    sessions.start(connection, { id: 1, username: 'ann', roles: ['operator'] });
    for (let i = 1; i <= 5; i++) {
      now = new Date(now.getTime() + 50_000);
      expect(sessions.resolve(connection, true)?.username).toBe('ann');
    }
  });
});
