// ReaderFilter over emulated readers: only the named readers, their cards and their events show;
// connecting to another reader is refused without reaching the service; closing closes it.
import { describe, expect, it, vi } from 'vitest';
import { createReferenceChip } from '../../../sim/chip/applet/reference-chip';
import { InProcessReaders } from '../../../sim/chip/in-process-readers';
import { selectProvider } from '../../crypto/select-provider';
import { ReaderFilter } from './reader-filter';
import { isChipTransportError } from './transport-error';
import type { ReaderEvent } from './transport';

const provider = selectProvider();
const chip = (serial: string) =>
  createReferenceChip({ provider, serial, personalisation: { kmc: new Uint8Array(16) } });

describe('ReaderFilter', () => {
  it('shows only the named readers, their cards and their events', async () => {
    const inner = new InProcessReaders(['A', 'B', 'C']);
    inner.insert(0, chip('00000000000000a1'));
    inner.insert(1, chip('00000000000000b2'));
    const filter = new ReaderFilter(inner, ['B', 'C']);
    expect(filter.readers()).toEqual(['B', 'C']);
    expect(filter.cards().map((c) => c.reader)).toEqual(['B']);
    expect(filter.missing()).toEqual([]);

    const seen: ReaderEvent[] = [];
    const unsubscribe = filter.on((event) => seen.push(event));
    inner.remove(0);
    inner.insert(2, chip('00000000000000c3'));
    unsubscribe();
    inner.remove(2);
    expect(seen.map((e) => e.type === 'card-inserted' && e.reader)).toEqual(['C']);

    await expect(filter.connect('A')).rejects.toSatisfy((e) => isChipTransportError(e, 'NO_READER'));
    const connection = await filter.connect('B');
    expect(connection.reader).toBe('B');
    await connection.disconnect();
    const close = vi.spyOn(inner, 'close');
    await filter.close();
    expect(close).toHaveBeenCalledOnce();
  });

  it('names the readers the service does not report', () => {
    const filter = new ReaderFilter(new InProcessReaders(['A']), ['A', 'Z', 'Y']);
    expect(filter.missing()).toEqual(['Z', 'Y']);
    expect(filter.readers()).toEqual(['A']);
  });
});
