// The api contract: every method (input, output, who may call it) and every event the station
// emits. Both hosts (Electron IPC and the loopback web bridge) and the renderer's client are
// driven by these two lists; adding a method is one entry here plus one handler in main/api.
import { z } from 'zod';
import type { Access } from './roles';
import { Language, StationName } from './settings';
import { StationStatus } from './status';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  /** Key work is refused while the station is in alarm (fails closed). */
  readonly keyWork: boolean;
  readonly summary: string;
}

function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

const NoInput = z.strictObject({});

export const methods = {
  'station.status': method({
    summary: 'Identity, self-test results, crypto provider, alarms and language of this station.',
    input: NoInput,
    output: StationStatus,
    access: 'public',
    keyWork: false,
  }),
  'settings.setLanguage': method({
    summary: 'Switch the UI language for everyone at this station; persists in the store.',
    input: z.strictObject({ language: Language }),
    output: z.strictObject({ language: Language }),
    access: 'public',
    keyWork: false,
  }),
  'station.rename': method({
    summary: 'Change the station name shown on screens, exports and audit entries.',
    input: z.strictObject({ name: StationName }),
    output: z.strictObject({ stationName: z.string() }),
    access: ['supervisor', 'security_officer'],
    keyWork: false,
  }),
} as const satisfies Record<string, MethodSpec>;

export const events = {
  'station.statusChanged': StationStatus,
  'settings.languageChanged': z.strictObject({ language: Language }),
} as const satisfies Record<string, z.ZodType>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
