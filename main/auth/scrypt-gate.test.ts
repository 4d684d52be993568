// The scrypt gate: never more than SCRYPT_CONCURRENCY jobs at once, a bounded queue behind them,
// and a clear refusal (not a crash, not an unbounded backlog) beyond it.
import { describe, expect, it } from 'vitest';
import { Refusal } from './refusal';
import { SCRYPT_CONCURRENCY, SCRYPT_QUEUE_LIMIT, scryptDerive } from './scrypt';

const CHEAP = { logN: 10, r: 8, p: 1 };
const salt = new Uint8Array(16);

describe('scrypt gate', () => {
  it('runs a flood up to its queue limit and refuses the rest as busy', async () => {
    const total = SCRYPT_CONCURRENCY + SCRYPT_QUEUE_LIMIT + 10;
    const outcomes = await Promise.allSettled(
      Array.from({ length: total }, (_, i) => scryptDerive(`secret-${i}`, salt, 32, CHEAP)),
    );
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(
      SCRYPT_CONCURRENCY + SCRYPT_QUEUE_LIMIT,
    );
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(Refusal);
      expect((r.reason as Refusal).kind).toBe('busy');
    }
    await expect(scryptDerive('after the flood', salt, 32, CHEAP)).resolves.toHaveLength(32);
  });
});
