// The contract itself: names are well-formed, every method declares an access rule, and the
// input schemas are strict (unknown fields are refused, not silently dropped).
import { describe, expect, it } from 'vitest';
import { ROLES } from './roles';
import { EVENT_NAMES, METHOD_NAMES, isEventName, isMethodName, methods } from './contract';

describe('contract', () => {
  it('names methods and events as area.verb', () => {
    for (const name of [...METHOD_NAMES, ...EVENT_NAMES]) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('declares access for every method with known roles only', () => {
    for (const name of METHOD_NAMES) {
      const access = methods[name].access;
      if (access !== 'public') for (const role of access) expect(ROLES).toContain(role);
    }
  });

  it('refuses unknown input fields on every method', () => {
    for (const name of METHOD_NAMES) {
      expect(methods[name].input.safeParse({ unexpectedField: 1 }).success).toBe(false);
    }
  });

  it('does not treat inherited object properties as names', () => {
    for (const name of ['toString', '__proto__', 'constructor']) {
      expect(isMethodName(name)).toBe(false);
      expect(isEventName(name)).toBe(false);
    }
  });
});
