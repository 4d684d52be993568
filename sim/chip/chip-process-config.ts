// The configuration and stdin commands of vpcd-chip-process.ts, validated with zod (they arrive
// as JSON from another process), and the card each configuration builds: the reference chip of
// sim/chip/applet (serial, KMC or static keys, capacity, state file, fault switches) or the
// transport test card.
import { z } from 'zod';
import { hexToBytes } from '../../main/crypto/bytes';
import { selectProvider } from '../../main/crypto/select-provider';
import { createReferenceChip, type ReferenceChip } from './applet/reference-chip';
import type { ReferenceChipFaults, ReferenceCommand } from './applet/reference-chip-faults';
import type { CardBehaviour } from './card-behaviour';
import { TestCard } from './test-card';

const hex = (bytes: number) =>
  z
    .string()
    .regex(/^(?:[0-9a-fA-F]{2})+$/)
    .refine((s) => s.length === bytes * 2, `${bytes} bytes of hex`);

const COMMANDS = [
  'select',
  'getData',
  'initializeUpdate',
  'externalAuthenticate',
  'putKeys',
  'checkPool',
  'proveKey',
  'lock',
] as const satisfies readonly ReferenceCommand[];

/** Fault switches as JSON: null clears an optional switch. */
export const chipFaultsSchema = z
  .object({
    slowMs: z.number().int().min(0).max(600_000),
    removeDuringCommand: z
      .object({
        command: z.enum(COMMANDS),
        occurrence: z.number().int().min(1),
        afterCommit: z.boolean().optional(),
      })
      .nullable(),
    wrongMac: z.boolean(),
    memoryFull: z.number().int().min(0).nullable(),
    lieAboutKey: z.number().int().min(0).nullable(),
    alreadyLocked: z.boolean(),
  })
  .partial()
  .strict();

export const vpcdFaultsSchema = z
  .object({ delayMs: z.number().int().min(0).max(600_000), mute: z.boolean() })
  .partial()
  .strict();

export const chipProcessConfigSchema = z
  .object({
    card: z.enum(['reference', 'test']).default('reference'),
    serial: hex(8).default('0102030405060708'),
    kmc: hex(16).optional(),
    staticKeys: z
      .object({ enc: hex(16), mac: hex(16), dek: hex(16) })
      .strict()
      .optional(),
    capacity: z.number().int().min(1).max(0xffff).optional(),
    maxCommandData: z.number().int().min(1).max(0xffff).optional(),
    stateFile: z.string().min(1).optional(),
    faults: chipFaultsSchema.optional(),
  })
  .strict()
  .refine((c) => c.card === 'test' || (c.kmc === undefined) !== (c.staticKeys === undefined), {
    message: 'the reference chip needs exactly one of kmc or staticKeys',
  });

export type ChipProcessConfig = z.input<typeof chipProcessConfigSchema>;

export const chipProcessCommandSchema = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('insert') }),
  z.object({ cmd: z.literal('remove') }),
  z.object({ cmd: z.literal('chip-faults'), faults: chipFaultsSchema }),
  z.object({ cmd: z.literal('vpcd-faults'), faults: vpcdFaultsSchema }),
  z.object({ cmd: z.literal('state') }),
  z.object({ cmd: z.literal('exit') }),
]);

export type ChipProcessCommand = z.infer<typeof chipProcessCommandSchema>;

/** JSON nulls become the applet's "switch off" (undefined). */
export function toChipFaults(faults: z.infer<typeof chipFaultsSchema>): Partial<ReferenceChipFaults> {
  const { removeDuringCommand, memoryFull, lieAboutKey, ...plain } = faults;
  return {
    ...plain,
    ...(removeDuringCommand === undefined ? {} : { removeDuringCommand: removeDuringCommand ?? undefined }),
    ...(memoryFull === undefined ? {} : { memoryFull: memoryFull ?? undefined }),
    ...(lieAboutKey === undefined ? {} : { lieAboutKey: lieAboutKey ?? undefined }),
  };
}

export type BuiltCard =
  | { readonly kind: 'reference'; readonly card: ReferenceChip }
  | { readonly kind: 'test'; readonly card: CardBehaviour };

export function buildCard(input: unknown): BuiltCard {
  const config = chipProcessConfigSchema.parse(input);
  if (config.card === 'test') return { kind: 'test', card: new TestCard() };
  const personalisation = config.kmc
    ? { kmc: hexToBytes(config.kmc) }
    : {
        staticKeys: {
          enc: hexToBytes(config.staticKeys?.enc ?? ''),
          mac: hexToBytes(config.staticKeys?.mac ?? ''),
          dek: hexToBytes(config.staticKeys?.dek ?? ''),
        },
      };
  const card = createReferenceChip({
    provider: selectProvider(),
    serial: config.serial,
    personalisation,
    ...(config.capacity === undefined ? {} : { capacity: config.capacity }),
    ...(config.maxCommandData === undefined ? {} : { maxCommandData: config.maxCommandData }),
    ...(config.stateFile === undefined ? {} : { stateFile: config.stateFile }),
    ...(config.faults === undefined ? {} : { faults: toChipFaults(config.faults) }),
  });
  return { kind: 'reference', card };
}
