// The alarm board: one alarm per code and subject, station-wide alarms lock and are never cleared,
// a subsystem alarm (entropy) does not lock the station and clears when its cause is gone.
import { describe, expect, it } from 'vitest';
import { AlarmBoard } from './alarm-board';

describe('AlarmBoard', () => {
  it('raises once per code and subject and tells its listeners', () => {
    const board = new AlarmBoard(() => new Date('2026-11-26T00:00:00Z'));
    const raised: string[] = [];
    board.onRaised((a) => raised.push(`${a.code}/${a.subject ?? ''}`));
    board.raise('STORAGE_FULL');
    board.raise('STORAGE_FULL');
    board.raise('ENTROPY_FAILED', 'qrng-0');
    expect(raised).toEqual(['STORAGE_FULL/', 'ENTROPY_FAILED/qrng-0']);
    expect(board.locking).toBe(true);
    expect(() => board.clear('STORAGE_FULL')).toThrow(/until restart/);
  });

  it('an entropy alarm does not lock the station and clears', () => {
    const board = new AlarmBoard();
    const cleared: string[] = [];
    board.onCleared((a) => cleared.push(a.code));
    board.raise('ENTROPY_FAILED', 'qrng-0');
    expect(board.any).toBe(true);
    expect(board.locking).toBe(false);
    board.clear('ENTROPY_FAILED', 'qrng-1');
    expect(cleared).toEqual([]);
    board.clear('ENTROPY_FAILED', 'qrng-0');
    expect(cleared).toEqual(['ENTROPY_FAILED']);
    expect(board.any).toBe(false);
  });
});
