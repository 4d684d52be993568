// The audit handlers over a real AuditLog: paging, a missing entry, verification and export (both
// audited, both reporting progress), the export folder, and refusals the operator can act on.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditProgress } from '../../shared/audit';
import { appendSample, auditFixture } from '../audit/test-audit-fixture';
import { verifyAuditExport } from '../audit/verify-export';
import type { Session } from '../auth/session-manager';
import { nativeProvider } from '../crypto/native-provider';
import { auditHandlers } from './audit-handlers';
import type { CallContext } from './dispatcher';
import { OperatorFacingError } from './operator-facing-error';

const scratch = mkdtempSync(join(tmpdir(), 'station-audit-handlers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const session: Session = {
  id: 's1',
  operatorId: 1,
  username: 'audrey',
  roles: ['auditor'],
  startedAt: new Date(),
  lastSeenAt: new Date(),
};
const ctx: CallContext = { connection: { sessionId: 's1' }, session };

function setup() {
  const fixture = auditFixture(nativeProvider);
  appendSample(fixture.log, fixture.db, 30);
  const progress: AuditProgress[] = [];
  const handlers = auditHandlers({
    audit: fixture.log,
    exportsDir: join(scratch, 'exports'),
    stationId: () => 'station-1',
    csvLanguage: () => 'zh-CN',
    onProgress: (p) => progress.push(p),
    now: () => new Date('2025-03-04T05:06:07.089Z'),
  });
  return { ...fixture, handlers, progress };
}

describe('auditHandlers', () => {
  it('pages entries and refuses a missing one with NOT_FOUND', async () => {
    const { handlers } = setup();
    const page = await handlers['audit.query']({ filter: { actor: 'alice' }, limit: 3 }, ctx);
    expect(page.entries.map((e) => e.seq)).toEqual([28, 25, 22]);
    expect(page.nextBefore).toBe(22);
    expect(await handlers['audit.entry']({ seq: 3 }, ctx)).toMatchObject({ seq: 3 });
    expect(() => handlers['audit.entry']({ seq: 99 }, ctx)).toThrow(OperatorFacingError);
  });

  it('verifies, records who did, and reports progress', async () => {
    const { handlers, log, progress } = setup();
    const result = await handlers['audit.verify']({}, ctx);
    expect(result).toMatchObject({ intact: true, entriesChecked: 30 });
    expect(log.get(31)).toMatchObject({
      type: 'audit.verified',
      actor: 'audrey',
      details: { intact: true, entriesChecked: 30, firstBreakSeq: null },
    });
    expect(progress.at(-1)).toEqual({ task: 'verify', done: 30, total: 30 });
  });

  it('still returns the result when the log is too broken to record the verification', async () => {
    const { handlers, db, log } = setup();
    db.prepare('UPDATE audit_head SET seq = 29').run();
    const result = await handlers['audit.verify']({}, ctx);
    expect(result.firstBreak).toMatchObject({ seq: 30 });
    expect(log.get(31)).toBeNull();
  });

  it('exports into a timestamped folder under exports/, audited', async () => {
    const { handlers, log, progress } = setup();
    const result = await handlers['audit.export']({ filter: { subject: 'chip-1' }, formats: ['csv'] }, ctx);
    expect(result.directory).toBe(join(scratch, 'exports', '2025-03-04T05-06-07-089Z'));
    expect(readdirSync(result.directory)).toContain('audit.csv');
    expect(verifyAuditExport(result.directory, nativeProvider).ok).toBe(true);
    expect(log.get(31)).toMatchObject({
      type: 'audit.exported',
      actor: 'audrey',
      details: { folder: '2025-03-04T05-06-07-089Z', formats: 'csv', count: result.count },
    });
    expect(progress.at(-1)).toMatchObject({ task: 'export', done: result.count, total: result.count });
  });

  it('refuses to export while the station is sealed, with STATION_LOCKED', async () => {
    const { handlers, setSealed } = setup();
    setSealed(true);
    await expect(handlers['audit.export']({ filter: {}, formats: ['jsonl'] }, ctx)).rejects.toMatchObject({
      code: 'STATION_LOCKED',
    });
  });
});
