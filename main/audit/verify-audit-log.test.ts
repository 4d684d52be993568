// Tampering with a stored audit log, one way per test, and verification naming the first break's
// seq and kind: edits, deletions (with and without renumbering), reordering, truncation, forged
// MACs, re-hashed entries and rewritten tails, altered, missing or foreign checkpoints, a missing or
// forged head. With the keys (MACs, head) and without (chain and checkpoint signatures only).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AuditVerifyResult } from '../../shared/audit';
import { jsProvider } from '../crypto/js-provider';
import { nativeProvider } from '../crypto/native-provider';
import type { CryptoProvider } from '../crypto/provider';
import type { Db } from '../store/database';
import { AUDIT_COLUMNS, entryFieldsOf, type AuditRow } from './audit-rows';
import { checkpointMessage } from './checkpoint-signature';
import { hashEntry } from './entry-encoding';
import { appendSample, auditFixture, testStationKeys } from './test-audit-fixture';
import { verifyAuditLog } from './verify-audit-log';

const ENTRIES = 2100;

describe.each([nativeProvider, jsProvider].map((p) => [p.name, p] as const))(
  'verifyAuditLog (%s provider)',
  (_name, provider: CryptoProvider) => {
    const base = auditFixture(provider);
    appendSample(base.log, base.db, ENTRIES);
    const image = base.db.serialize();
    const { keys } = base;

    /** A copy of the 2100-entry log, tampered with by `tamper`, then verified. */
    async function verifyAfter(
      tamper: (db: Db) => void,
      mode: 'keys' | 'keyless' = 'keys',
    ): Promise<AuditVerifyResult> {
      const db = new Database(image);
      tamper(db);
      return verifyAuditLog(db, provider, {
        macKey: mode === 'keys' ? keys.auditMacKey : null,
        publicKey: mode === 'keys' ? keys.signing.publicKey : null,
      });
    }

    const row = (db: Db, seq: number): AuditRow =>
      db
        .prepare<[number], AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq = ?`)
        .get(seq) as AuditRow;

    /** Rewrites entries from..to as someone without the MAC key would: new fields, recomputed hashes and links. */
    function rewrite(db: Db, from: number, to: number, edit: (r: AuditRow) => AuditRow): void {
      let prevHash = row(db, from - 1).hash;
      for (let seq = from; seq <= to; seq++) {
        const changed = { ...(seq === from ? edit(row(db, seq)) : row(db, seq)), prev_hash: prevHash };
        const hash = hashEntry(provider, entryFieldsOf(changed));
        db.prepare('UPDATE audit_log SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
          changed.details,
          prevHash,
          hash,
          seq,
        );
        prevHash = hash;
      }
    }

    const breakOf = (r: AuditVerifyResult): unknown =>
      r.firstBreak && { seq: r.firstBreak.seq, kind: r.firstBreak.kind };

    it('reports an intact log with every entry and checkpoint checked, with and without keys', async () => {
      for (const mode of ['keys', 'keyless'] as const) {
        const result = await verifyAfter(() => {}, mode);
        expect(result).toMatchObject({
          intact: true,
          entriesChecked: ENTRIES,
          checkpointsChecked: 2,
          firstBreak: null,
        });
      }
    });

    it('names an edited entry', async () => {
      const edited = await verifyAfter((db) =>
        db.prepare(`UPDATE audit_log SET details = '{"index":1}' WHERE seq = 1500`).run(),
      );
      expect(breakOf(edited)).toEqual({ seq: 1500, kind: 'edited' });
      expect(
        breakOf(
          await verifyAfter((db) => db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 5").run()),
        ),
      ).toEqual({
        seq: 5,
        kind: 'edited',
      });
    });

    it('names deleted entries, also when the later ones were renumbered', async () => {
      const one = await verifyAfter((db) => db.prepare('DELETE FROM audit_log WHERE seq = 700').run());
      expect(breakOf(one)).toEqual({ seq: 700, kind: 'deleted' });
      const three = await verifyAfter((db) =>
        db.prepare('DELETE FROM audit_log WHERE seq BETWEEN 700 AND 702').run(),
      );
      expect(three.firstBreak?.explanation).toMatch(/700 to 702/);
      const renumbered = await verifyAfter((db) => {
        db.prepare('DELETE FROM audit_log WHERE seq = 700').run();
        db.prepare('UPDATE audit_log SET seq = seq - 1 WHERE seq > 700').run();
      });
      expect(breakOf(renumbered)).toEqual({ seq: 700, kind: 'deleted' });
    });

    it('names reordered entries', async () => {
      const swapped = await verifyAfter((db) => {
        db.prepare('UPDATE audit_log SET seq = 999999 WHERE seq = 1200').run();
        db.prepare('UPDATE audit_log SET seq = 1200 WHERE seq = 1201').run();
        db.prepare('UPDATE audit_log SET seq = 1201 WHERE seq = 999999').run();
      });
      expect(breakOf(swapped)).toEqual({ seq: 1200, kind: 'reordered' });
    });

    it('names truncation: the head, or a checkpoint, beyond the last entry', async () => {
      const cut = await verifyAfter((db) => db.prepare('DELETE FROM audit_log WHERE seq > 2090').run());
      expect(breakOf(cut)).toEqual({ seq: 2091, kind: 'truncated' });
      const headRewritten = await verifyAfter((db) => {
        const last = row(db, 2090);
        db.prepare('DELETE FROM audit_log WHERE seq > 2090').run();
        db.prepare('UPDATE audit_head SET seq = 2090, hash = ?').run(last.hash);
      });
      expect(breakOf(headRewritten)).toEqual({ seq: 2091, kind: 'truncated' });
      const pastCheckpoint = (db: Db): void => {
        const last = row(db, 1999);
        db.prepare('DELETE FROM audit_log WHERE seq > 1999').run();
        db.prepare('UPDATE audit_head SET seq = 1999, hash = ?, checkpoint_seq = 1000').run(last.hash);
      };
      expect(breakOf(await verifyAfter(pastCheckpoint, 'keyless'))).toEqual({ seq: 2000, kind: 'truncated' });
      expect(breakOf(await verifyAfter((db) => db.prepare('DELETE FROM audit_head').run()))).toEqual({
        seq: ENTRIES + 1,
        kind: 'truncated',
      });
    });

    it('names a forged MAC, and tells it from an entry edited and re-hashed', async () => {
      const forged = await verifyAfter((db) =>
        db.prepare('UPDATE audit_log SET mac = randomblob(32) WHERE seq = 333').run(),
      );
      expect(breakOf(forged)).toEqual({ seq: 333, kind: 'forged-mac' });
      const lastForged = await verifyAfter((db) =>
        db.prepare(`UPDATE audit_log SET mac = randomblob(32) WHERE seq = ${ENTRIES}`).run(),
      );
      expect(breakOf(lastForged)).toEqual({ seq: ENTRIES, kind: 'forged-mac' });
      const rehashed = await verifyAfter((db) =>
        rewrite(db, 444, 444, (r) => ({ ...r, details: '{"index":0}' })),
      );
      expect(breakOf(rehashed)).toEqual({ seq: 444, kind: 'edited' });
      const tail = (db: Db): void => rewrite(db, 1500, ENTRIES, (r) => ({ ...r, details: '{"index":0}' }));
      expect(breakOf(await verifyAfter(tail))).toEqual({ seq: 1500, kind: 'edited' });
      // Without the MAC key only the signed checkpoint at 2000 catches the rewritten tail.
      expect(breakOf(await verifyAfter(tail, 'keyless'))).toEqual({ seq: 2000, kind: 'edited' });
      expect(
        (
          await verifyAfter(
            (db) => db.prepare('UPDATE audit_log SET mac = zeroblob(32) WHERE seq = 9').run(),
            'keyless',
          )
        ).intact,
      ).toBe(true);
    });

    it('names altered, missing and foreign checkpoints', async () => {
      const signature = await verifyAfter((db) => {
        const c = db.prepare('SELECT signature FROM audit_checkpoint WHERE seq = 1000').get() as {
          signature: Uint8Array;
        };
        const altered = Uint8Array.from(c.signature);
        altered[20] = (altered[20] ?? 0) ^ 1;
        db.prepare('UPDATE audit_checkpoint SET signature = ? WHERE seq = 1000').run(altered);
      });
      expect(breakOf(signature)).toEqual({ seq: 1000, kind: 'bad-checkpoint' });
      const hash = await verifyAfter((db) =>
        db.prepare('UPDATE audit_checkpoint SET hash = zeroblob(32) WHERE seq = 2000').run(),
      );
      expect(breakOf(hash)).toEqual({ seq: 2000, kind: 'bad-checkpoint' });
      const missing = await verifyAfter(
        (db) => db.prepare('DELETE FROM audit_checkpoint WHERE seq = 1000').run(),
        'keyless',
      );
      expect(breakOf(missing)).toEqual({ seq: 1000, kind: 'bad-checkpoint' });
      const foreign = (db: Db): void => {
        const mallory = testStationKeys(provider).signing;
        const c = db.prepare('SELECT hash, signed_at FROM audit_checkpoint WHERE seq = 1000').get() as {
          hash: Uint8Array;
          signed_at: string;
        };
        const message = checkpointMessage({ seq: 1000, hash: c.hash, signedAt: c.signed_at });
        db.prepare('UPDATE audit_checkpoint SET public_key = ?, signature = ? WHERE seq = 1000').run(
          mallory.publicKey,
          provider.sm2Sign(mallory.privateKey, message),
        );
      };
      expect(breakOf(await verifyAfter(foreign))).toEqual({ seq: 1000, kind: 'bad-checkpoint' });
      expect((await verifyAfter(foreign, 'keyless')).intact).toBe(true);
    });

    it('reports progress per batch up to the total', async () => {
      const progress: number[] = [];
      const result = await verifyAuditLog(new Database(image), provider, {
        macKey: keys.auditMacKey,
        publicKey: null,
        batchRows: 500,
        onProgress: (p) => {
          expect(p).toMatchObject({ task: 'verify', total: ENTRIES });
          progress.push(p.done);
        },
      });
      expect(result.intact).toBe(true);
      expect(progress).toEqual([0, 500, 1000, 1500, 2000, 2100]);
    });
  },
);

describe('verifyAuditLog on an empty log', () => {
  it('is intact with nothing checked', async () => {
    const { db } = auditFixture(nativeProvider);
    const result = await verifyAuditLog(db, nativeProvider, { macKey: new Uint8Array(32), publicKey: null });
    expect(result).toMatchObject({ intact: true, entriesChecked: 0, checkpointsChecked: 0 });
  });
});
