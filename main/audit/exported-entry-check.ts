// Checks the entries of one export file as they stream past: each is a valid entry, its hash
// matches its fields, consecutive entries link, seqs rise, every entry lies within the export's
// filter, and the totals agree with the manifest. Reports the first problem, by line.
import { bytesToHex, hexToBytes } from '../crypto/bytes';
import type { CryptoProvider } from '../crypto/provider';
import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, hashEntry } from './entry-encoding';
import { ExportedEntry, type ExportManifest } from './export-format';

const GENESIS_HEX = bytesToHex(GENESIS_HASH);

function withinFilter(entry: ExportedEntry, filter: ExportManifest['filter']): boolean {
  const at = new Date(entry.at).getTime();
  if (filter.from !== undefined && at < new Date(filter.from).getTime()) return false;
  if (filter.to !== undefined && at > new Date(filter.to).getTime()) return false;
  if (filter.actor !== undefined && entry.actor !== filter.actor) return false;
  if (filter.subject !== undefined && entry.subject !== filter.subject) return false;
  const types: readonly string[] | undefined = filter.types;
  return types === undefined || types.length === 0 || types.includes(entry.type);
}

export class ExportedEntryCheck {
  count = 0;
  private firstSeq: number | null = null;
  private firstHash: string | null = null;
  private lastSeq = 0;
  private lastHash: string | null = null;

  constructor(
    private readonly provider: CryptoProvider,
    private readonly manifest: ExportManifest,
  ) {}

  /** Null when the entry is fine, otherwise what is wrong with it. */
  add(value: unknown): string | null {
    const parsed = ExportedEntry.safeParse(value);
    if (!parsed.success) {
      const paths = parsed.error.issues.map((i) => i.path.join('.') || '(entry)');
      return `not a valid audit entry (${[...new Set(paths)].slice(0, 3).join(', ')})`;
    }
    const entry = parsed.data;
    if (entry.seq <= this.lastSeq)
      return `entry ${entry.seq} comes after entry ${this.lastSeq}: out of order`;
    if (entry.seq > this.manifest.logHeadSeq)
      return `entry ${entry.seq} is beyond the log head recorded in the manifest`;
    const recomputed = hashEntry(this.provider, {
      seq: entry.seq,
      at: entry.at,
      type: entry.type,
      actor: entry.actor,
      subject: entry.subject,
      detailsJson: canonicalJson(entry.details),
      prevHash: hexToBytes(entry.prevHash),
    });
    if (bytesToHex(recomputed) !== entry.hash) return `entry ${entry.seq} does not match its hash`;
    if (entry.seq === 1 && entry.prevHash !== GENESIS_HEX) return 'entry 1 does not start the chain';
    if (entry.seq === this.lastSeq + 1 && this.lastHash !== null && entry.prevHash !== this.lastHash) {
      return `entry ${entry.seq} does not link to entry ${this.lastSeq}`;
    }
    if (!withinFilter(entry, this.manifest.filter))
      return `entry ${entry.seq} lies outside the export's filter`;
    this.firstSeq ??= entry.seq;
    this.firstHash ??= entry.hash;
    this.lastSeq = entry.seq;
    this.lastHash = entry.hash;
    this.count += 1;
    return null;
  }

  /** Null when count, first and last entry agree with the manifest. */
  finish(): string | null {
    const m = this.manifest;
    if (this.count !== m.count) return `holds ${this.count} entries, the manifest says ${m.count}`;
    if (this.firstSeq !== m.firstSeq || this.firstHash !== m.firstHash)
      return 'its first entry is not the one in the manifest';
    if ((this.count === 0 ? null : this.lastSeq) !== m.lastSeq || this.lastHash !== m.lastHash) {
      return 'its last entry is not the one in the manifest';
    }
    return null;
  }
}
