// The one error type entropy drivers reject with: names the source and the device problem.
export class EntropySourceError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'EntropySourceError';
  }
}
