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

export class IdentityRepository {
  constructor(private readonly db: Db) {}

  /** Returns the identity, creating it on the first start of a new data directory. */
  ensure(defaultName: string, now: Date = new Date()): StationIdentity {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO station_identity (singleton, station_id, name, created_at) VALUES (1, ?, ?, ?)',
      )
      .run(randomUUID(), defaultName, now.toISOString());
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
