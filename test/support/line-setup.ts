// Test helpers for the fill line over the web bridge: a set-up station with the operators a line
// needs (officer, a second officer, an operator, a supervisor), the issuer master key loaded by a
// two-officer ceremony, and polling of the line's status.
import { expect } from 'vitest';
import { bytesToHex, hexToBytes } from '../../main/crypto/bytes';
import { sm4KeyCheckValue } from '../../main/crypto/key-check-value';
import type { CryptoProvider } from '../../main/crypto/provider';
import type { FillLineStatus } from '../../shared/fill';
import { setUpStation, signIn } from './station-setup';
import type { TempStation } from './temp-station';
import { openBridge, type Bridge } from './ws-client';

const COMPONENT_A = '0123456789abcdeffedcba9876543210';
const COMPONENT_B = '00112233445566778899aabbccddeeff';
/** The KMC the ceremony loads: A XOR B. */
export const TEST_KMC = hexToBytes(COMPONENT_A).map((x, i) => x ^ (hexToBytes(COMPONENT_B)[i] ?? 0));

export interface LineBridges {
  readonly officer: Bridge;
  readonly operator: Bridge;
  readonly supervisor: Bridge;
  close(): void;
}

export async function prepareLine(temp: TempStation, provider: CryptoProvider): Promise<LineBridges> {
  const officer = await openBridge(temp.host);
  await setUpStation(officer);
  const make = async (username: string, role: string): Promise<Bridge> => {
    const password = `${username}-password-1`;
    const created = await officer.call('operators.create', {
      username,
      displayName: username,
      roles: [role],
      password,
    });
    expect(created.ok).toBe(true);
    const bridge = await openBridge(temp.host);
    await signIn(bridge, username, password);
    return bridge;
  };
  const bob = await make('bob', 'security_officer');
  const operator = await make('olga', 'operator');
  const supervisor = await make('sam', 'supervisor');
  const kcv = (hex: string): string => bytesToHex(sm4KeyCheckValue(provider, hexToBytes(hex)));
  const started = await officer.call('ceremony.start', { componentsRequired: 2 });
  const id = (started as { value: { id: string } }).value.id;
  expect(
    await officer.call('ceremony.submitComponent', {
      ceremonyId: id,
      component: COMPONENT_A,
      kcv: kcv(COMPONENT_A),
    }),
  ).toMatchObject({ ok: true });
  expect(
    await bob.call('ceremony.submitComponent', {
      ceremonyId: id,
      component: COMPONENT_B,
      kcv: kcv(COMPONENT_B),
    }),
  ).toMatchObject({ ok: true, value: { state: 'completed' } });
  bob.close();
  return {
    officer,
    operator,
    supervisor,
    close: () => {
      officer.close();
      operator.close();
      supervisor.close();
    },
  };
}

export async function lineStatus(bridge: Bridge): Promise<FillLineStatus> {
  const result = await bridge.call('fill.status', {});
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.value as FillLineStatus;
}

/** Polls the line until `condition` holds (or fails the test after `ms`). */
export async function untilLine(
  bridge: Bridge,
  condition: (status: FillLineStatus) => boolean,
  ms = 60_000,
): Promise<FillLineStatus> {
  const deadline = Date.now() + ms;
  for (;;) {
    const status = await lineStatus(bridge);
    if (condition(status)) return status;
    if (Date.now() > deadline) throw new Error(`line condition not reached: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
