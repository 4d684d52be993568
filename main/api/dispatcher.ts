// The one entry for every api call, whichever host carried it: the method must exist in the
// contract, the caller must hold its role, the input must parse, key work must not run while the
// station is in alarm; only then does the handler run. Everything comes back as a CallResult.
import type { z } from 'zod';
import type { ApiErrorCode, ApiErrorData, ApiErrorIssue } from '../../shared/api-error';
import type { MethodSpec } from '../../shared/contract';
import { accessAllows } from '../../shared/roles';
import type { Connection, Session } from '../auth/session-manager';
import { OperatorFacingError } from './operator-facing-error';
import type { CallResult } from '../../shared/wire';

/** Who is calling: the transport connection and the live session signed in on it, if any. */
export interface CallContext {
  readonly connection: Connection;
  readonly session: Session | null;
}

export type Handlers<C extends Record<string, MethodSpec>> = {
  [M in keyof C]: (
    input: z.output<C[M]['input']>,
    ctx: CallContext,
  ) => z.input<C[M]['output']> | Promise<z.input<C[M]['output']>>;
};

export interface DispatcherDeps {
  /** The connection's live session, or null; `touch` refreshes its idle clock. */
  resolveSession(connection: Connection, touch: boolean): Session | null;
  /** True while an alarm, a sealed master secret or first-run setup locks key work. */
  isLocked(): boolean;
  /** Turns a known failure from below (e.g. a full disk) into a refusal the operator can act on. */
  translateError?(error: unknown): OperatorFacingError | null;
  /** Records an unexpected handler failure; the caller only gets a generic message. */
  onInternalError(method: string, error: unknown): void;
}

export type Dispatch = (connection: Connection, method: unknown, input: unknown) => Promise<CallResult>;

export function refusal(code: ApiErrorCode, message: string, issues?: ApiErrorIssue[]): CallResult {
  const error: ApiErrorData = issues ? { code, message, issues } : { code, message };
  return { ok: false, error };
}

/** Issue paths and codes only: zod messages may quote the rejected value, which could be secret. */
function issuesOf(error: z.ZodError): ApiErrorIssue[] {
  return error.issues
    .slice(0, 20)
    .map((i) => ({ path: i.path.map(String).join('.') || '(input)', problem: i.code }));
}

export function createDispatcher<C extends Record<string, MethodSpec>>(
  contract: C,
  handlers: Handlers<C>,
  deps: DispatcherDeps,
): Dispatch {
  return async (connection, method, rawInput) => {
    if (typeof method !== 'string' || !Object.hasOwn(contract, method)) {
      return refusal('UNKNOWN_METHOD', 'This station does not offer that request.');
    }
    const spec = contract[method] as MethodSpec;
    // Public calls (status polls) see the session but do not keep it from idling out.
    const ctx: CallContext = {
      connection,
      session: deps.resolveSession(connection, spec.access !== 'public'),
    };
    if (!accessAllows(spec.access, ctx.session?.roles ?? [])) {
      return ctx.session
        ? refusal('FORBIDDEN', 'Your role does not allow this action.')
        : refusal('UNAUTHENTICATED', 'Sign in with a role that allows this action.');
    }
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      return refusal('BAD_REQUEST', 'The request was malformed.', issuesOf(parsed.error));
    }
    if (spec.keyWork && deps.isLocked()) {
      return refusal(
        'STATION_LOCKED',
        'Key work is locked: the station is in alarm, sealed, or not set up yet.',
      );
    }
    try {
      const handler = handlers[method as keyof C] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      const output = spec.output.safeParse(await handler(parsed.data, ctx));
      if (!output.success) {
        deps.onInternalError(
          method,
          new Error(
            `handler output failed its schema: ${issuesOf(output.error)
              .map((i) => i.path)
              .join(', ')}`,
          ),
        );
        return refusal('INTERNAL', 'The station could not complete this request.');
      }
      return { ok: true, value: output.data };
    } catch (error) {
      const facing = error instanceof OperatorFacingError ? error : (deps.translateError?.(error) ?? null);
      if (facing) return refusal(facing.code, facing.message);
      deps.onInternalError(method, error);
      return refusal('INTERNAL', 'The station could not complete this request.');
    }
  };
}
