// Test harness: a TLS server (the test PKI's server certificate, client certificates required)
// that misbehaves on purpose, for the client's failure paths: it never answers, answers garbage,
// announces a huge response, sends a response whose TTLV is broken, drops the first connection at
// its first request, or at its second (answering the first); otherwise it answers a Discover
// Versions success. It counts connections and requests.
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { encodeTtlv } from '../../main/sync/kmip/ttlv/ttlv-encoder';
import { Operation, ResultStatus } from '../../main/sync/kmip/ttlv/enumerations';
import { Tag } from '../../main/sync/kmip/ttlv/tags';
import { dateTime, enumeration, integer, structure } from '../../main/sync/kmip/ttlv/ttlv-item';
import type { TestPki } from './pykmip-server';

export type FakeBehaviour = 'silent' | 'garbage' | 'huge' | 'broken-ttlv' | 'drop-first' | 'drop-second';

export interface FakeKmipServer {
  readonly port: number;
  readonly connections: number;
  readonly requests: number;
  close(): Promise<void>;
}

/** A Discover Versions success in KMIP 1.2, listing 1.2. */
export function discoverVersionsResponse(): Uint8Array {
  const version = structure(Tag.ProtocolVersion, [
    integer(Tag.ProtocolVersionMajor, 1),
    integer(Tag.ProtocolVersionMinor, 2),
  ]);
  return encodeTtlv(
    structure(Tag.ResponseMessage, [
      structure(Tag.ResponseHeader, [
        version,
        dateTime(Tag.TimeStamp, BigInt(Math.floor(Date.now() / 1000))),
        integer(Tag.BatchCount, 1),
      ]),
      structure(Tag.BatchItem, [
        enumeration(Tag.Operation, Operation.DiscoverVersions),
        enumeration(Tag.ResultStatus, ResultStatus.Success),
        structure(Tag.ResponsePayload, [version]),
      ]),
    ]),
  );
}

function reply(behaviour: FakeBehaviour, socket: TLSSocket, connection: number, request: number): void {
  switch (behaviour) {
    case 'silent':
      return;
    case 'garbage':
      socket.write(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'));
      return;
    case 'huge':
      socket.write(Buffer.from('42007b017ffffff0', 'hex'));
      return;
    case 'broken-ttlv':
      socket.write(Buffer.from('42007b0100000010' + '42007a0100000008' + '4200920900000008', 'hex'));
      return;
    case 'drop-first':
    case 'drop-second':
      if (connection === 1 && request === (behaviour === 'drop-first' ? 1 : 2)) socket.destroy();
      else socket.write(discoverVersionsResponse());
  }
}

export async function startFakeKmipServer(pki: TestPki, behaviour: FakeBehaviour): Promise<FakeKmipServer> {
  let connections = 0;
  let requests = 0;
  const sockets = new Set<TLSSocket>();
  const server: Server = createServer(
    { cert: pki.server.cert, key: pki.server.key, ca: pki.ca, requestCert: true, rejectUnauthorized: true },
    (socket) => {
      const connection = ++connections;
      let requestsHere = 0;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      socket.on('data', () => {
        requests++;
        reply(behaviour, socket, connection, ++requestsHere);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    get connections() {
      return connections;
    },
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
