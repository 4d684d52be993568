// Names and attributes of a chip's keys on the KMIP server, and reading them back: only objects
// the station named for this chip count as its keys.
import { describe, expect, it } from 'vitest';
import { chipKeyInformation, chipKeyName, chipObjectGroup, readChipKeyIdentity } from './chip-key-naming';

describe('chip key naming', () => {
  it('names key 7 of chip 0102 and its group', () => {
    expect(chipKeyName('0102', 7)).toBe('chip:0102:key:7');
    expect(chipObjectGroup('0102')).toBe('chip:0102');
    expect(chipKeyInformation('0102', 7, 'WO/17', 'ab12')).toEqual([
      { namespace: 'key-filling-station', data: '0102/7' },
      { namespace: 'key-filling-station.origin', data: 'ab12/WO/17' },
    ]);
  });

  it('reads back index, batch (even with a slash) and pool digest', () => {
    expect(readChipKeyIdentity('0102', chipKeyInformation('0102', 7, 'WO/17', 'ab12'))).toEqual({
      index: 7,
      batchId: 'WO/17',
      poolDigest: 'ab12',
    });
    expect(readChipKeyIdentity('0102', [{ namespace: 'key-filling-station', data: '0102/0' }])).toEqual({
      index: 0,
      batchId: undefined,
      poolDigest: undefined,
    });
  });

  it.each([
    ['no station information', []],
    ['another chip', [{ namespace: 'key-filling-station', data: '0103/7' }]],
    ['a chip whose serial extends this one', [{ namespace: 'key-filling-station', data: '01020/7' }]],
    ['an index with a leading zero', [{ namespace: 'key-filling-station', data: '0102/07' }]],
    ['an index that is not a number', [{ namespace: 'key-filling-station', data: '0102/x' }]],
    [
      'two indices',
      [
        { namespace: 'key-filling-station', data: '0102/1' },
        { namespace: 'key-filling-station', data: '0102/2' },
      ],
    ],
  ])('ignores an object with %s', (_title, information) => {
    expect(readChipKeyIdentity('0102', information)).toBeUndefined();
  });
});
