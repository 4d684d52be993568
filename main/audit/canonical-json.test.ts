// Canonical JSON: sorted keys, no whitespace, JSON.stringify escaping, finite numbers only.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: -0 }], A: 'é' })).toBe(
      '{"A":"é","a":[true,null,{"c":0,"d":"x"}],"b":1}',
    );
    expect(canonicalJson({ '\u00e9': 1, z: 2, '\ud83d\ude00': 3 })).toBe('{"z":2,"é":1,"😀":3}');
  });

  it('writes numbers as ECMAScript does and strings as JSON.stringify does', () => {
    expect(canonicalJson([1e21, 0.1, 123456789012, -5])).toBe('[1e+21,0.1,123456789012,-5]');
    expect(canonicalJson('line\n"quoted"\u0001')).toBe('"line\\n\\"quoted\\"\\u0001"');
  });

  it('refuses NaN and Infinity', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/NaN/);
    expect(() => canonicalJson({ x: Number.POSITIVE_INFINITY })).toThrow(/Infinity/);
  });
});
