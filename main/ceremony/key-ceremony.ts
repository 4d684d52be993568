// The key ceremony that loads (or replaces) the issuer master key, KMC, under dual control and
// split knowledge: a security officer starts it for n components (2..5); each component is
// entered by a different signed-in security officer with the KCV from their sheet; the last one
// completes it. KMC = XOR of the components; it is stored wrapped under the store KEK and becomes
// the active KMC (older ones stay as history). Every step is audited, never with a component.
// Components exist only in this process's memory while the ceremony collects them and are
// overwritten when it completes or is cancelled; a ceremony does not survive a restart.
import { randomUUID } from 'node:crypto';
import type { CeremonyState, IssuerKeyInfo } from '../../shared/ceremony';
import type { AuditAppender, AuditEventInput } from '../audit/audit-appender';
import { Refusal } from '../auth/refusal';
import type { Session } from '../auth/session-manager';
import { bytesToHex, hexToBytes } from '../crypto/bytes';
import { sm4KeyCheckValue } from '../crypto/key-check-value';
import type { CryptoProvider } from '../crypto/provider';
import type { EventBus } from '../events/event-bus';
import type { StationSecrets } from '../secrets/station-secrets';
import type { Db } from '../store/database';
import type { IssuerKeyRepository } from './issuer-key-repository';
import { wrapIssuerKey } from './issuer-key-wrap';
import { isAllZero, wipe, xorComponents } from './key-components';

export interface KeyCeremonyDeps {
  readonly db: Db;
  readonly provider: CryptoProvider;
  readonly secrets: StationSecrets;
  readonly issuerKeys: IssuerKeyRepository;
  readonly audit: AuditAppender;
  readonly events: EventBus;
  readonly now: () => Date;
}

interface HeldComponent {
  readonly operatorId: number;
  readonly custodian: string;
  readonly kcv: string;
  readonly at: string;
  readonly bytes: Uint8Array;
}

interface Ceremony {
  readonly id: string;
  readonly componentsRequired: number;
  readonly startedAt: string;
  readonly startedBy: string;
  readonly components: HeldComponent[];
  state: CeremonyState['state'];
  combinedKcv: string | null;
}

type RejectReason = 'kcv-mismatch' | 'same-custodian' | 'all-zero-component' | 'degenerate-key';

const PURPOSE = 'kmc';

export class KeyCeremony {
  /** The ceremony collecting components, or the last one to complete or be cancelled. */
  private current: Ceremony | null = null;

  constructor(private readonly deps: KeyCeremonyDeps) {}

  status(): { ceremony: CeremonyState | null; issuerKey: IssuerKeyInfo | null } {
    return { ceremony: this.current ? this.view(this.current) : null, issuerKey: this.activeKey() };
  }

  activeKey(): IssuerKeyInfo | null {
    return this.deps.issuerKeys.activeInfo(PURPOSE);
  }

  start(session: Session, componentsRequired: number): CeremonyState {
    this.deps.secrets.requireKeys();
    if (!Number.isInteger(componentsRequired) || componentsRequired < 2 || componentsRequired > 5) {
      throw new Refusal('bad-request', 'A ceremony needs 2 to 5 components.');
    }
    if (this.current?.state === 'collecting') {
      throw new Refusal(
        'conflict',
        `A key ceremony started by ${this.current.startedBy} is collecting components: complete or cancel it first.`,
      );
    }
    const ceremony: Ceremony = {
      id: randomUUID(),
      componentsRequired,
      startedAt: this.deps.now().toISOString(),
      startedBy: session.username,
      components: [],
      state: 'collecting',
      combinedKcv: null,
    };
    this.deps.audit.append({
      type: 'ceremony.started',
      actor: session.username,
      subject: ceremony.id,
      details: { purpose: PURPOSE, componentsRequired, replacesKcv: this.activeKey()?.kcv ?? null },
    });
    this.current = ceremony;
    return this.changed(ceremony);
  }

  /** The KCV of a component as its custodian types it; nothing is kept or audited. */
  checkComponent(componentHex: string): string {
    const component = hexToBytes(componentHex);
    try {
      return bytesToHex(sm4KeyCheckValue(this.deps.provider, component));
    } finally {
      wipe(component);
    }
  }

  /** Accepts one custodian's component if its KCV matches their sheet; the last one completes the key. */
  submitComponent(
    session: Session,
    ceremonyId: string,
    componentHex: string,
    sheetKcv: string,
  ): CeremonyState {
    const ceremony = this.collecting(ceremonyId);
    const keys = this.deps.secrets.requireKeys();
    const component = hexToBytes(componentHex);
    const kcv = bytesToHex(sm4KeyCheckValue(this.deps.provider, component));
    const index = ceremony.components.length + 1;
    if (ceremony.components.some((c) => c.operatorId === session.operatorId)) {
      wipe(component);
      this.reject(session, ceremony, index, 'same-custodian', sheetKcv);
    }
    if (kcv !== sheetKcv) {
      wipe(component);
      this.reject(session, ceremony, index, 'kcv-mismatch', sheetKcv);
    }
    if (isAllZero(component)) {
      wipe(component);
      this.reject(session, ceremony, index, 'all-zero-component', sheetKcv);
    }
    const held: HeldComponent = {
      operatorId: session.operatorId,
      custodian: session.username,
      kcv,
      at: this.deps.now().toISOString(),
      bytes: component,
    };
    if (index < ceremony.componentsRequired) {
      this.deps.audit.append(this.accepted(session, ceremony, index, kcv));
      ceremony.components.push(held);
      return this.changed(ceremony);
    }
    this.complete(session, ceremony, held, keys.storeKek);
    return this.changed(ceremony);
  }

  cancel(session: Session, ceremonyId: string): CeremonyState {
    const ceremony = this.collecting(ceremonyId);
    this.deps.audit.append({
      type: 'ceremony.cancelled',
      actor: session.username,
      subject: ceremony.id,
      details: { purpose: PURPOSE, componentsEntered: ceremony.components.length },
    });
    wipe(...ceremony.components.map((c) => c.bytes));
    ceremony.state = 'cancelled';
    return this.changed(ceremony);
  }

  /** Combines, stores and audits in one transaction; the components and the key are then overwritten. */
  private complete(session: Session, ceremony: Ceremony, last: HeldComponent, storeKek: Uint8Array): void {
    const all = [...ceremony.components, last];
    const kmc = xorComponents(all.map((c) => c.bytes));
    try {
      if (isAllZero(kmc)) {
        wipe(last.bytes);
        this.reject(session, ceremony, all.length, 'degenerate-key', last.kcv);
      }
      const combinedKcv = bytesToHex(sm4KeyCheckValue(this.deps.provider, kmc));
      const replaced = this.activeKey();
      const custodians = all.map((c) => c.custodian);
      this.deps.db.transaction(() => {
        this.deps.audit.append(this.accepted(session, ceremony, all.length, last.kcv));
        this.deps.issuerKeys.insert({
          purpose: PURPOSE,
          ceremonyId: ceremony.id,
          wrappedKey: wrapIssuerKey(this.deps.provider, storeKek, kmc, PURPOSE, ceremony.id),
          kcv: combinedKcv,
          custodians,
          loadedAt: this.deps.now().toISOString(),
        });
        this.deps.audit.append({
          type: 'ceremony.completed',
          actor: session.username,
          subject: ceremony.id,
          details: {
            purpose: PURPOSE,
            kcv: combinedKcv,
            custodians: custodians.join(','),
            componentsRequired: ceremony.componentsRequired,
            replacesKcv: replaced?.kcv ?? null,
          },
        });
      })();
      ceremony.components.push(last);
      wipe(...ceremony.components.map((c) => c.bytes));
      ceremony.state = 'completed';
      ceremony.combinedKcv = combinedKcv;
    } catch (error) {
      wipe(last.bytes);
      throw error;
    } finally {
      wipe(kmc);
    }
  }

  private collecting(ceremonyId: string): Ceremony {
    const ceremony = this.current;
    if (ceremony?.id !== ceremonyId || ceremony.state !== 'collecting') {
      throw new Refusal(
        'not-found',
        'That key ceremony is not collecting components (it may have ended, or the station restarted).',
      );
    }
    return ceremony;
  }

  private accepted(session: Session, ceremony: Ceremony, index: number, kcv: string): AuditEventInput {
    return {
      type: 'ceremony.componentAccepted',
      actor: session.username,
      subject: ceremony.id,
      details: { componentNumber: index, of: ceremony.componentsRequired, kcv },
    };
  }

  /** Audits the rejected component (its number and the sheet's KCV, never the component) and refuses. */
  private reject(
    session: Session,
    ceremony: Ceremony,
    index: number,
    reason: RejectReason,
    sheetKcv: string,
  ): never {
    this.deps.audit.append({
      type: 'ceremony.componentRejected',
      actor: session.username,
      subject: ceremony.id,
      details: { componentNumber: index, of: ceremony.componentsRequired, reason, sheetKcv },
    });
    throw new Refusal('rule-violation', REJECTIONS[reason]);
  }

  private view(ceremony: Ceremony): CeremonyState {
    return {
      id: ceremony.id,
      purpose: PURPOSE,
      componentsRequired: ceremony.componentsRequired,
      startedAt: ceremony.startedAt,
      startedBy: ceremony.startedBy,
      components: ceremony.components.map((c) => ({ custodian: c.custodian, kcv: c.kcv, at: c.at })),
      state: ceremony.state,
      combinedKcv: ceremony.combinedKcv,
    };
  }

  private changed(ceremony: Ceremony): CeremonyState {
    const state = this.view(ceremony);
    this.deps.events.emit('ceremony.changed', state);
    return state;
  }
}

const REJECTIONS: Record<RejectReason, string> = {
  'kcv-mismatch':
    'The component does not match the check value on your sheet: check both and enter them again.',
  'same-custodian':
    'You have already entered a component in this ceremony: the next one must come from another security officer.',
  'all-zero-component': 'A component of all zeros cannot be used.',
  'degenerate-key':
    'These components combine to an all-zero key, which cannot be used: cancel the ceremony and prepare new components.',
};
