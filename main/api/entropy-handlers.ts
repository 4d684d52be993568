// Handlers for the entropy sources: their view for the Devices screen (never a random byte), and a
// supervisor's or security officer's acknowledgement of a failed source, which is audited and starts
// the fresh start-up test and power-on check that must pass before key issue resumes.
import type { Methods } from '../../shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { EntropyService } from '../entropy/entropy-service';
import type { Handlers } from './dispatcher';
import { signedIn } from './handler-guards';
import { OperatorFacingError } from './operator-facing-error';

export interface EntropyHandlerDeps {
  /** The configured source, or null when the station has none (key issue is then refused). */
  readonly entropy: EntropyService | null;
  readonly audit: AuditLog;
}

export type EntropyMethod = 'entropy.status' | 'entropy.acknowledge';

export function entropyHandlers(d: EntropyHandlerDeps): Pick<Handlers<Methods>, EntropyMethod> {
  return {
    'entropy.status': () => ({ sources: d.entropy ? [d.entropy.view()] : [] }),
    'entropy.acknowledge': ({ sourceId }, ctx) => {
      const session = signedIn(ctx);
      const service = d.entropy;
      if (service?.id !== sourceId) {
        throw new OperatorFacingError('NOT_FOUND', 'There is no entropy source with that id.');
      }
      if (!service.failed) {
        throw new OperatorFacingError(
          'CONFLICT',
          'This entropy source has not failed: nothing to acknowledge.',
        );
      }
      const before = service.view();
      d.audit.append({
        type: 'entropy.acknowledged',
        actor: session.username,
        subject: sourceId,
        details: { reason: before.failure?.reason ?? null, message: before.failure?.message ?? null },
      });
      return service.acknowledge();
    },
  };
}
