// The dispatcher's gatekeeping, on a small contract of its own: unknown methods, roles, input
// validation, the alarm lock, output checking and handler failures, in that order.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { MethodSpec } from '../../shared/contract';
import type { Connection, Session } from '../auth/session-manager';
import { createDispatcher } from './dispatcher';
import { OperatorFacingError } from './operator-facing-error';

const contract = {
  'open.echo': {
    summary: '',
    input: z.strictObject({ text: z.string().max(5) }),
    output: z.string(),
    access: 'public',
    keyWork: false,
  },
  'keys.make': {
    summary: '',
    input: z.strictObject({}),
    output: z.number(),
    access: ['operator'],
    keyWork: true,
  },
  'broken.output': {
    summary: '',
    input: z.strictObject({}),
    output: z.number(),
    access: 'public',
    keyWork: false,
  },
  'broken.throws': {
    summary: '',
    input: z.strictObject({}),
    output: z.number(),
    access: 'public',
    keyWork: false,
  },
  'rule.refuses': {
    summary: '',
    input: z.strictObject({}),
    output: z.number(),
    access: 'public',
    keyWork: false,
  },
} as const satisfies Record<string, MethodSpec>;

function sessionOf(id: string, roles: Session['roles']): Session {
  const at = new Date();
  return { id, operatorId: 1, username: id, roles, startedAt: at, lastSeenAt: at };
}
const SESSIONS = new Map([
  ['op', sessionOf('op', ['operator'])],
  ['aud', sessionOf('aud', ['auditor'])],
]);
const ANONYMOUS: Connection = { sessionId: null };
const operator: Connection = { sessionId: 'op' };
const auditor: Connection = { sessionId: 'aud' };

function setup(locked = false) {
  const makeKeys = vi.fn(() => 7);
  const onInternalError = vi.fn();
  const dispatch = createDispatcher(
    contract,
    {
      'open.echo': ({ text }) => text.toUpperCase(),
      'keys.make': makeKeys,
      'broken.output': () => 'not a number' as unknown as number,
      'broken.throws': () => {
        throw new Error('secret-ish internal detail 00112233');
      },
      'rule.refuses': () => {
        throw new OperatorFacingError('RULE_VIOLATION', 'A second custodian must enter the next component.');
      },
    },
    {
      resolveSession: (c) => (c.sessionId === null ? null : (SESSIONS.get(c.sessionId) ?? null)),
      isLocked: () => locked,
      onInternalError,
    },
  );
  return { dispatch, makeKeys, onInternalError };
}

describe('dispatcher', () => {
  it('runs a valid public call', async () => {
    const { dispatch } = setup();
    await expect(dispatch(ANONYMOUS, 'open.echo', { text: 'abc' })).resolves.toEqual({
      ok: true,
      value: 'ABC',
    });
  });

  it.each([undefined, 42, '', 'nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty'])(
    'refuses unknown method %j',
    async (name) => {
      const { dispatch } = setup();
      const result = await dispatch(ANONYMOUS, name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    },
  );

  it('refuses a role-bound method to an anonymous caller without running the handler', async () => {
    const { dispatch, makeKeys } = setup();
    expect(await dispatch(ANONYMOUS, 'keys.make', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(makeKeys).not.toHaveBeenCalled();
  });

  it('refuses a signed-in caller whose role is not allowed', async () => {
    const { dispatch, makeKeys } = setup();
    expect(await dispatch(auditor, 'keys.make', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(makeKeys).not.toHaveBeenCalled();
  });

  it('checks the role before the input, so a refused caller learns nothing of the schema', async () => {
    const { dispatch } = setup();
    expect(await dispatch(ANONYMOUS, 'keys.make', { junk: 1 })).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it.each([
    ['missing field', {}],
    ['wrong type', { text: 5 }],
    ['too long', { text: 'abcdef' }],
    ['extra field', { text: 'a', extra: true }],
    ['not an object', 'text'],
    ['null', null],
  ])('refuses bad input: %s, naming the path but never echoing the value', async (_label, input) => {
    const { dispatch } = setup();
    const result = await dispatch(ANONYMOUS, 'open.echo', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(JSON.stringify(result)).not.toContain('abcdef');
  });

  it('refuses key work while the station is locked by an alarm', async () => {
    const { dispatch, makeKeys } = setup(true);
    expect(await dispatch(operator, 'keys.make', {})).toMatchObject({
      ok: false,
      error: { code: 'STATION_LOCKED' },
    });
    expect(makeKeys).not.toHaveBeenCalled();
    expect(await dispatch(ANONYMOUS, 'open.echo', { text: 'ok' })).toMatchObject({ ok: true });
  });

  it('lets an allowed role do key work on a ready station', async () => {
    const { dispatch } = setup();
    expect(await dispatch(operator, 'keys.make', {})).toEqual({ ok: true, value: 7 });
  });

  it('turns a handler output that breaks its schema into INTERNAL', async () => {
    const { dispatch, onInternalError } = setup();
    expect(await dispatch(ANONYMOUS, 'broken.output', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('turns a thrown handler error into a generic INTERNAL without its message', async () => {
    const { dispatch, onInternalError } = setup();
    const result = await dispatch(ANONYMOUS, 'broken.throws', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('00112233');
    expect(onInternalError).toHaveBeenCalledWith('broken.throws', expect.any(Error));
  });

  it('passes an operator-facing refusal through with its code and message', async () => {
    const { dispatch, onInternalError } = setup();
    expect(await dispatch(ANONYMOUS, 'rule.refuses', {})).toEqual({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: 'A second custodian must enter the next component.' },
    });
    expect(onInternalError).not.toHaveBeenCalled();
  });
});
