// The outcome of one power-on self-test, as reported to the host and the UI (shared/status.ts
// declares the matching zod schema).

export interface SelfTestResult {
  /** e.g. 'sm4-ecb', 'sm4-ecb-1e6', 'sm2-verify-kat'. */
  readonly id: string;
  readonly passed: boolean;
  readonly durationMs: number;
  /** On failure, what failed (e.g. 'ciphertext mismatch'); never key material. */
  readonly detail?: string;
}
