// AuditLog.append, checkpoint, query, get and count on an in-memory database: the stored chain,
// sealed refusal, input checks, both-or-neither with the caller's transaction, a full database,
// and the head check that stops appends to a tampered log.
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../crypto/bytes';
import { nativeProvider } from '../crypto/native-provider';
import { AuditUnavailableError } from './audit-appender';
import { AuditIntegrityError, AuditStorageFullError } from './audit-errors';
import { checkpointSignatureValid } from './checkpoint-signature';
import { entryHashInput, GENESIS_HASH } from './entry-encoding';
import { appendSample, auditFixture } from './test-audit-fixture';

const provider = nativeProvider;

describe('AuditLog.append', () => {
  it('chains entries: hash = SM3(canonical input), prevHash links, mac = HMAC-SM3(key, hash)', () => {
    const { log, db, keys } = auditFixture(provider);
    const first = log.append({
      type: 'auth.login',
      actor: 'alice',
      subject: 'alice',
      details: { z: 1, a: 'x' },
    });
    const second = log.append({ type: 'auth.logout', actor: 'alice' });
    expect(first).toMatchObject({
      seq: 1,
      type: 'auth.login',
      actor: 'alice',
      subject: 'alice',
      details: { a: 'x', z: 1 },
    });
    expect(second).toMatchObject({ seq: 2, subject: null, details: {} });
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as {
      details: string;
      prev_hash: Uint8Array;
      hash: Uint8Array;
      mac: Uint8Array;
    }[];
    expect(rows[0]?.details).toBe('{"a":"x","z":1}');
    const input = entryHashInput({
      seq: 1,
      at: first.at,
      type: 'auth.login',
      actor: 'alice',
      subject: 'alice',
      detailsJson: '{"a":"x","z":1}',
      prevHash: GENESIS_HASH,
    });
    expect(input).toBe(
      `{"actor":"alice","at":"${first.at}","details":{"a":"x","z":1},"prevHash":"${'0'.repeat(64)}","seq":1,"subject":"alice","type":"auth.login"}`,
    );
    expect(first.hash).toBe(bytesToHex(provider.sm3(new TextEncoder().encode(input))));
    expect(bytesToHex(rows[1]?.prev_hash ?? new Uint8Array())).toBe(first.hash);
    expect(bytesToHex(rows[0]?.mac ?? new Uint8Array())).toBe(
      bytesToHex(provider.hmacSm3(keys.auditMacKey, hexToBytes(first.hash))),
    );
    expect(log.count()).toBe(2);
  });

  it('refuses while sealed with AuditUnavailableError', () => {
    const { log, setSealed } = auditFixture(provider);
    setSealed(true);
    expect(() => log.append({ type: 'auth.login', actor: 'alice' })).toThrow(AuditUnavailableError);
    expect(log.count()).toBe(0);
  });

  it('refuses secret-looking details, bad numbers, unknown types and oversize fields', () => {
    const { log } = auditFixture(provider);
    expect(() =>
      log.append({ type: 'auth.login', actor: 'a', details: { password: 'hunter2hunter2' } }),
    ).toThrow(/'password' is not allowed/);
    expect(() => log.append({ type: 'auth.login', actor: 'a', details: { Passphrase: 'x' } })).toThrow(
      /not allowed/,
    );
    expect(() => log.append({ type: 'auth.login', actor: 'a', details: { n: Number.NaN } })).toThrow(
      /flat object/,
    );
    expect(() => log.append({ type: 'no.such' as 'auth.login', actor: 'a' })).toThrow(
      /unknown audit event type/,
    );
    expect(() => log.append({ type: 'auth.login', actor: '' })).toThrow(/actor/);
    expect(() => log.append({ type: 'auth.login', actor: 'a', subject: '' })).toThrow(/subject/);
    expect(() => log.append({ type: 'auth.login', actor: 'a', details: { long: 'x'.repeat(5000) } })).toThrow(
      /too long/,
    );
    try {
      log.append({ type: 'auth.login', actor: 'a', details: { key: '00112233445566778899aabbccddeeff' } });
    } catch (error) {
      expect(String(error)).not.toContain('00112233');
    }
    expect(log.count()).toBe(0);
  });

  it('commits with the caller’s change or not at all', () => {
    const { log, db } = auditFixture(provider);
    db.exec('CREATE TABLE change (id INTEGER PRIMARY KEY)');
    expect(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO change (id) VALUES (1)').run();
        log.append({ type: 'operator.created', actor: 'alice', subject: 'bob' });
        throw new Error('the change failed after its entry');
      })(),
    ).toThrow(/change failed/);
    expect(db.prepare('SELECT count(*) AS n FROM change').get()).toEqual({ n: 0 });
    expect(log.count()).toBe(0);
    db.transaction(() => {
      db.prepare('INSERT INTO change (id) VALUES (2)').run();
      log.append({ type: 'operator.created', actor: 'alice', subject: 'bob' });
    })();
    expect(log.get(1)).toMatchObject({ seq: 1, subject: 'bob' });
  });

  it('signs a checkpoint at every 1000th entry and on demand, and keeps the head in step', () => {
    const { log, db, keys } = auditFixture(provider);
    appendSample(log, db, 1001);
    const summary = log.checkpoint('shutdown');
    expect(summary.seq).toBe(1002);
    expect(log.get(1002)).toMatchObject({
      type: 'audit.checkpoint',
      actor: 'station',
      details: { reason: 'shutdown' },
    });
    const checkpoints = db
      .prepare('SELECT seq, hash, signed_at, public_key, signature FROM audit_checkpoint')
      .all() as {
      seq: number;
      hash: Uint8Array;
      signed_at: string;
      public_key: Uint8Array;
      signature: Uint8Array;
    }[];
    expect(checkpoints.map((c) => c.seq)).toEqual([1000, 1002]);
    for (const c of checkpoints) {
      expect(bytesToHex(c.public_key)).toBe(bytesToHex(keys.signing.publicKey));
      expect(
        checkpointSignatureValid(provider, {
          seq: c.seq,
          hash: c.hash,
          signedAt: c.signed_at,
          publicKey: c.public_key,
          signature: c.signature,
        }),
      ).toBe(true);
    }
    const head = db.prepare('SELECT seq, checkpoint_seq, hash FROM audit_head').get() as {
      seq: number;
      checkpoint_seq: number;
      hash: Uint8Array;
    };
    expect({ seq: head.seq, checkpointSeq: head.checkpoint_seq, hash: bytesToHex(head.hash) }).toEqual({
      seq: 1002,
      checkpointSeq: 1002,
      hash: summary.hash,
    });
  });

  it('stops appending (AuditIntegrityError) when the head does not authenticate or was reset', () => {
    const forged = auditFixture(provider);
    appendSample(forged.log, forged.db, 3);
    forged.db.prepare('UPDATE audit_head SET seq = 2').run();
    expect(() => forged.log.append({ type: 'auth.login', actor: 'a' })).toThrow(AuditIntegrityError);

    const reset = auditFixture(provider);
    appendSample(reset.log, reset.db, 3);
    reset.db
      .prepare('UPDATE audit_head SET seq = 0, hash = zeroblob(32), checkpoint_seq = 0, mac = NULL')
      .run();
    expect(() => reset.log.append({ type: 'auth.login', actor: 'a' })).toThrow(
      /already exists beyond the head/,
    );

    const missing = auditFixture(provider);
    missing.db.prepare('DELETE FROM audit_head').run();
    expect(() => missing.log.append({ type: 'auth.login', actor: 'a' })).toThrow(AuditIntegrityError);
  });

  it('refuses with AuditStorageFullError when the database is full, loses nothing, and continues the chain after', async () => {
    const { log, db } = auditFixture(provider);
    db.exec('CREATE TABLE change (id INTEGER PRIMARY KEY)');
    appendSample(log, db, 5);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 1}`);
    let refused: unknown = null;
    try {
      for (let i = 1; i < 1000; i++) {
        db.transaction(() => {
          db.prepare('INSERT INTO change (id) VALUES (?)').run(i);
          log.append({ type: 'settings.changed', actor: 'alice', details: { i, padding: 'p'.repeat(500) } });
        })();
      }
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AuditStorageFullError);
    const committed = log.count();
    expect(committed).toBeGreaterThan(5);
    expect(db.prepare('SELECT count(*) AS n FROM change').get()).toEqual({ n: committed - 5 });
    db.pragma(`max_page_count = ${pages + 100}`);
    log.append({ type: 'settings.changed', actor: 'alice', details: { after: true } });
    expect(log.count()).toBe(committed + 1);
    expect((await log.verify()).intact).toBe(true);
  });
});

describe('AuditLog.query', () => {
  const { log, db } = auditFixture(provider);
  appendSample(log, db, 60);

  it('pages newest first by seq with nextBefore, and reports the total', () => {
    const first = log.query({ filter: {}, limit: 25 });
    expect(first.entries.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => 60 - i));
    expect(first.nextBefore).toBe(36);
    expect(first.total).toBe(60);
    const last = log.query({ filter: {}, before: 11, limit: 25 });
    expect(last.entries.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 10 - i));
    expect(last.nextBefore).toBeNull();
  });

  it('filters by actor, subject, types and an inclusive time range', () => {
    const bob = log.query({
      filter: { actor: 'bob', types: ['operator.created', 'auth.logout'] },
      limit: 100,
    });
    expect(bob.entries.length).toBeGreaterThan(0);
    for (const e of bob.entries) {
      expect(e.actor).toBe('bob');
      expect(['operator.created', 'auth.logout']).toContain(e.type);
    }
    const chip = log.query({ filter: { subject: 'chip-3' }, limit: 100 });
    expect(chip.entries.every((e) => e.subject === 'chip-3')).toBe(true);
    const e10 = log.get(10);
    const e20 = log.get(20);
    // A bound without milliseconds still includes the entry at that exact second.
    const ranged = log.query({
      filter: { from: e10?.at.replace('.000Z', 'Z'), to: e20?.at },
      limit: 100,
    });
    expect(ranged.entries.map((e) => e.seq)).toEqual(Array.from({ length: 11 }, (_, i) => 20 - i));
    expect(log.query({ filter: { types: [] }, limit: 1 }).entries[0]?.seq).toBe(60);
  });

  it('gets one entry or null, and refuses a limit out of range', () => {
    expect(log.get(7)?.seq).toBe(7);
    expect(log.get(61)).toBeNull();
    expect(() => log.query({ filter: {}, limit: 0 })).toThrow(/limit/);
  });
});
