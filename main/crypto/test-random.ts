// Deterministic pseudo-random inputs for the randomized tests (mulberry32), so a failure can be
// replayed from the seed the test prints. Tests only: never for keys, IVs or anything secret.

export interface TestRandom {
  readonly seed: number;
  /** Integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  bytes(length: number): Uint8Array;
}

export function testRandom(seed: number): TestRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    seed,
    int: (maxExclusive) => next() % maxExclusive,
    bytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = next() & 0xff;
      return out;
    },
  };
}

/** CRYPTO_TEST_SEED replays a run; otherwise each run draws a fresh seed. */
export function testSeed(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = env.CRYPTO_TEST_SEED;
  return fromEnv === undefined ? Math.floor(Math.random() * 2 ** 32) : Number(fromEnv);
}
