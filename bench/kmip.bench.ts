// KMIP sync throughput and station CPU, against a real PyKMIP server (test/support/pykmip-server.ts:
// mutual TLS 1.2 on loopback, SQLite in /dev/shm). In the same process and against the same
// server: keys registered per second with 256 and with 1024 Registers per request message against
// the baseline of one Register request per key (what a client without batching does), rounds
// interleaved; then whole KmipConnector.pushBinding calls of 1024-key bindings (Locate, then the
// Registers). Station CPU is process.cpuUsage() (user + system, every thread of this process:
// TLS, TTLV, KCV checks, GC) per key and per 1024 keys. The codec alone (encode one
// 1024-Register request, decode and match its 1024-item response) is timed without network, and
// one Locate at the end shows what PyKMIP's Locate costs with every object stored so far.
// Run: npx tsx bench/kmip.bench.ts   (results: docs/performance.md, "KMIP sync")
import { cpus } from 'node:os';
import { selectProvider } from '../main/crypto/select-provider';
import { KmipClient } from '../main/sync/kmip/kmip-client';
import { KmipConnector } from '../main/sync/kmip/kmip-connector';
import { chipKeyInformation, chipKeyName, chipObjectGroup } from '../main/sync/kmip/chip-key-naming';
import { KMIP_1_2 } from '../main/sync/kmip/messages/protocol-version';
import { registerSymmetricKeyRequest } from '../main/sync/kmip/messages/register';
import { locateRequest } from '../main/sync/kmip/messages/locate';
import { objectGroupAttribute, objectTypeAttribute } from '../main/sync/kmip/messages/attributes';
import {
  encodeRequestMessage,
  batchItemId,
  type KmipRequestItem,
} from '../main/sync/kmip/messages/request-message';
import { readResponseMessage } from '../main/sync/kmip/messages/response-message';
import { matchBatchResults } from '../main/sync/kmip/messages/batch-results';
import {
  CryptographicAlgorithm,
  ObjectType,
  Operation,
  ResultStatus,
} from '../main/sync/kmip/ttlv/enumerations';
import { decodeTtlv } from '../main/sync/kmip/ttlv/ttlv-decoder';
import { encodeTtlv } from '../main/sync/kmip/ttlv/ttlv-encoder';
import { Tag } from '../main/sync/kmip/ttlv/tags';
import {
  byteString,
  dateTime,
  enumeration,
  integer,
  structure,
  textString,
} from '../main/sync/kmip/ttlv/ttlv-item';
import { makeBinding } from '../test/support/chip-binding';
import { startPyKmipServer } from '../test/support/pykmip-server';
import type { ChipKeyBinding } from '../main/sync/key-service-connector';

const BINDING_KEYS = 1024;
const BASELINE_KEYS = 256;
const RUNS = 3;
const CODEC_RUNS = 20;

const provider = selectProvider();

interface Measured {
  readonly keysPerSecond: number;
  /** Station CPU (user + system) per key, in microseconds. */
  readonly cpuPerKeyUs: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function measure(keys: number, run: () => Promise<void>): Promise<Measured> {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await run();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { keysPerSecond: (keys / wallMs) * 1000, cpuPerKeyUs: (cpuMs / keys) * 1000, wallMs, cpuMs };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function registerItem(binding: ChipKeyBinding, index: number): KmipRequestItem {
  const key = binding.keys[index];
  if (key === undefined) throw new Error(`no key ${index}`);
  return registerSymmetricKeyRequest({
    key: key.key,
    algorithm: CryptographicAlgorithm.SM4,
    lengthBits: 128,
    usageMask: 0x0c,
    names: [chipKeyName(binding.chipSerial, index)],
    objectGroups: [chipObjectGroup(binding.chipSerial)],
    applicationSpecificInformation: chipKeyInformation(
      binding.chipSerial,
      index,
      binding.batchId,
      binding.poolDigest,
    ),
    subject: `chip ${binding.chipSerial} key ${index}`,
  });
}

/** Encode a 1024-Register request and decode a 1024-item Register response, as the connector does. */
function codecPass(binding: ChipKeyBinding, response: Uint8Array): void {
  const items = binding.keys.map((_, i) => registerItem(binding, i));
  const request = encodeRequestMessage(items, {
    protocolVersion: KMIP_1_2,
    batchErrorContinuation: 'Continue',
  });
  const results = matchBatchResults(items, request, readResponseMessage(decodeTtlv(response.slice())));
  if (results.length !== items.length || !results.every((r) => r.ok)) throw new Error('codec pass failed');
  request.bytes.fill(0);
}

function registerResponse(count: number): Uint8Array {
  return encodeTtlv(
    structure(Tag.ResponseMessage, [
      structure(Tag.ResponseHeader, [
        structure(Tag.ProtocolVersion, [
          integer(Tag.ProtocolVersionMajor, 1),
          integer(Tag.ProtocolVersionMinor, 2),
        ]),
        dateTime(Tag.TimeStamp, 1_800_000_000n),
        integer(Tag.BatchCount, count),
      ]),
      ...Array.from({ length: count }, (_, i) =>
        structure(Tag.BatchItem, [
          enumeration(Tag.Operation, Operation.Register),
          byteString(Tag.UniqueBatchItemId, batchItemId(i)),
          enumeration(Tag.ResultStatus, ResultStatus.Success),
          structure(Tag.ResponsePayload, [textString(Tag.UniqueIdentifier, String(100_000 + i))]),
        ]),
      ),
    ]),
  );
}

const server = await startPyKmipServer();
try {
  const client = new KmipClient(server.clientOptions());
  await new KmipConnector({ client, provider }).health();

  /** Registers `binding`'s keys `perMessage` to a request message, straight through the client. */
  const registerAll = (binding: ChipKeyBinding, perMessage: number) => async (): Promise<void> => {
    for (let at = 0; at < binding.keys.length; at += perMessage) {
      const indices = Array.from(
        { length: Math.min(perMessage, binding.keys.length - at) },
        (_, i) => at + i,
      );
      const results = await client.batch(
        indices.map((i) => registerItem(binding, i)),
        { continueOnError: true },
      );
      if (!results.every((r) => r.ok)) throw new Error('register failed');
    }
  };

  // Rounds interleave the three ways, so the shared machine's noise falls on all of them alike.
  const ways = [
    { name: 'baseline: one Register request per key', keys: BASELINE_KEYS, perMessage: 1 },
    { name: '256 Registers per request message', keys: BINDING_KEYS, perMessage: 256 },
    { name: '1024 Registers per request message', keys: BINDING_KEYS, perMessage: 1024 },
  ];
  const measured = ways.map(() => [] as Measured[]);
  for (let round = 0; round < RUNS; round++) {
    for (const [w, way] of ways.entries()) {
      const binding = makeBinding(provider, `BENCH-${way.perMessage}-${round}`, way.keys);
      measured[w]?.push(await measure(way.keys, registerAll(binding, way.perMessage)));
    }
  }

  const connector = new KmipConnector({ client, provider });
  const pushes: Measured[] = [];
  for (let run = 0; run < RUNS; run++) {
    const binding = makeBinding(provider, `BENCH-PUSH-${run}`, BINDING_KEYS);
    pushes.push(
      await measure(BINDING_KEYS, async () => {
        const pushed = await connector.pushBinding(binding);
        if (pushed.registered !== BINDING_KEYS) throw new Error('push incomplete');
      }),
    );
  }
  const stored = RUNS * (BASELINE_KEYS + 2 * BINDING_KEYS) + RUNS * BINDING_KEYS;
  const locateStarted = performance.now();
  await client.call(
    locateRequest({
      attributes: [
        objectTypeAttribute(ObjectType.SymmetricKey),
        objectGroupAttribute(chipObjectGroup('NO-SUCH-CHIP')),
      ],
      subject: 'chip NO-SUCH-CHIP',
    }),
  );
  const locateMs = performance.now() - locateStarted;
  await client.close();

  const summary = (runs: readonly Measured[]): Measured => ({
    keysPerSecond: median(runs.map((m) => m.keysPerSecond)),
    cpuPerKeyUs: median(runs.map((m) => m.cpuPerKeyUs)),
    wallMs: median(runs.map((m) => m.wallMs)),
    cpuMs: median(runs.map((m) => m.cpuMs)),
  });
  const rows: [string, Measured][] = ways.map((way, w) => [way.name, summary(measured[w] ?? [])]);
  rows.push([`pushBinding of a ${BINDING_KEYS}-key binding (Locate + 4 messages of 256)`, summary(pushes)]);
  const oneByOne = rows[0]?.[1];
  if (oneByOne === undefined) throw new Error('no baseline');

  const codecBinding = makeBinding(provider, 'BENCH-CODEC', BINDING_KEYS);
  const response = registerResponse(BINDING_KEYS);
  for (let i = 0; i < 3; i++) codecPass(codecBinding, response);
  const codecMs = median(
    Array.from({ length: CODEC_RUNS }, () => {
      const started = performance.now();
      codecPass(codecBinding, response);
      return performance.now() - started;
    }),
  );

  console.log(
    `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, crypto ${provider.name}`,
  );
  console.log(`PyKMIP 0.10 on 127.0.0.1 (TLS 1.2, client certificate), SQLite in /dev/shm`);
  console.log();
  console.log(
    `Median of ${RUNS} rounds (baseline ${BASELINE_KEYS} keys a round, the others ${BINDING_KEYS})`,
  );
  console.log();
  console.log('| Run | keys/s | vs one request per key | station CPU per key | station CPU per 1024 keys |');
  console.log('|---|---|---|---|---|');
  for (const [name, m] of rows) {
    const ratio = (m.keysPerSecond / oneByOne.keysPerSecond).toFixed(2);
    const per1024 = ((m.cpuPerKeyUs * BINDING_KEYS) / 1000).toFixed(0);
    console.log(
      `| ${name} | ${m.keysPerSecond.toFixed(0)} | ${ratio}x | ${m.cpuPerKeyUs.toFixed(0)} µs | ${per1024} ms |`,
    );
  }
  console.log();
  console.log(
    `One Locate by Object Group (no match) with ${stored} objects stored: ${locateMs.toFixed(0)} ms`,
  );
  console.log(
    `Codec only (encode 1024 Registers + decode and match the 1024-item response): ${codecMs.toFixed(1)} ms ` +
      `(median of ${CODEC_RUNS}), ${((codecMs / BINDING_KEYS) * 1000).toFixed(1)} µs per key`,
  );
} finally {
  await server.dispose();
}
