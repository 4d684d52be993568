// The station's identity row: a random station id made on first start, and its display name.
import { randomUUID } from 'node:crypto';
import type { Db } from './database';

export interface StationIdentity {
  readonly stationId: string;
  readonly name: string;
  readonly createdAt: string;
}

interface IdentityRow {
  station_id: string;
  name: string;
  created_at: string;
}

export function defaultStationName(stationId: string): string {
  return `Station ${stationId.slice(0, 8).toUpperCase()}`;
}

export class IdentityRepository {
  constructor(private readonly db: Db) {}

  /**
   * Returns the identity, creating it on the first start of a new data directory. The first name
   * is language-neutral ("Station" and the first block of the id) until someone renames it.
   */
  ensure(now: Date = new Date()): StationIdentity {
    const stationId = randomUUID();
    this.db
      .prepare(
        'INSERT OR IGNORE INTO station_identity (singleton, station_id, name, created_at) VALUES (1, ?, ?, ?)',
      )
      .run(stationId, defaultStationName(stationId), now.toISOString());
    return this.get();
  }

  get(): StationIdentity {
    const row = this.db
      .prepare('SELECT station_id, name, created_at FROM station_identity WHERE singleton = 1')
      .get() as IdentityRow | undefined;
    if (!row) throw new Error('station identity missing: ensure() was not called');
    return { stationId: row.station_id, name: row.name, createdAt: row.created_at };
  }

  rename(name: string): StationIdentity {
    this.db.prepare('UPDATE station_identity SET name = ? WHERE singleton = 1').run(name);
    return this.get();
  }
}
