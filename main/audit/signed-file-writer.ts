// Writes one export file in buffered chunks while hashing it twice on the way: SM3 of the content
// (for the manifest) and e = SM3(Z_A || content) (for its detached SM2 signature), so a file of any
// size is written, hashed and signed with constant memory.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { CryptoProvider } from '../crypto/provider';
import { createSm2MessageDigestStream } from '../crypto/sm2-digest-signature';
import { createSm3Stream, type Sm3Stream } from '../crypto/sm3-stream';

const FLUSH_CHARS = 1 << 20;

export interface WrittenFile {
  readonly bytes: number;
  /** SM3 of the file's bytes. */
  readonly sm3: Uint8Array;
  /** SM3(Z_A || file bytes) for the signer's public key and the default user ID. */
  readonly signingDigest: Uint8Array;
}

export class SignedFileWriter {
  private fd: number | null;
  private pending = '';
  private bytes = 0;
  private readonly contentDigest: Sm3Stream;
  private readonly signingDigest: Sm3Stream;

  /** Creates the file (never overwrites one) readable by its owner only. */
  constructor(path: string, provider: CryptoProvider, signerPublicKey: Uint8Array) {
    this.fd = openSync(path, 'wx', 0o600);
    this.contentDigest = createSm3Stream(provider);
    this.signingDigest = createSm2MessageDigestStream(provider, signerPublicKey);
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_CHARS) this.flush();
  }

  /** Flushes, syncs to disk and closes; the digests are final. */
  finish(): WrittenFile {
    this.flush();
    const fd = this.openFd();
    fsyncSync(fd);
    closeSync(fd);
    this.fd = null;
    return {
      bytes: this.bytes,
      sm3: this.contentDigest.digest(),
      signingDigest: this.signingDigest.digest(),
    };
  }

  /** Closes the file after a failure (the caller removes it). */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const data = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    const fd = this.openFd();
    for (let offset = 0; offset < data.length;) offset += writeSync(fd, data, offset);
    this.contentDigest.update(data);
    this.signingDigest.update(data);
    this.bytes += data.length;
  }

  private openFd(): number {
    if (this.fd === null) throw new Error('export file already closed');
    return this.fd;
  }
}
