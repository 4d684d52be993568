// Bounded waiting: every wait in the pool races a timer, so nothing waits on a source forever.

export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
}

/** The promise's outcome, or a DeadlineExceeded rejection once `ms` have passed (the timer is cleared). */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        reject(new DeadlineExceeded(`${what}: no answer within ${ms} ms`));
      },
      Math.max(0, ms),
    );
  });
  return Promise.race([promise, expired]).finally(() => {
    clearTimeout(timer);
  });
}
