// Handlers of the audit methods: a page of entries, one entry, a full verification and a signed
// export into <dataDir>/exports/<timestamp>/. Verification and export are themselves audited
// ('audit.verified', 'audit.exported') and report progress as 'audit.progress' events.
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AuditExportResult, AuditProgress, AuditVerifyResult } from '../../shared/audit';
import type { Methods } from '../../shared/contract';
import type { Language } from '../../shared/settings';
import { AuditUnavailableError } from '../audit/audit-appender';
import { AuditIntegrityError } from '../audit/audit-errors';
import type { AuditLog } from '../audit/audit-log';
import type { CallContext, Handlers } from './dispatcher';
import { OperatorFacingError } from './operator-facing-error';

export interface AuditHandlerDeps {
  readonly audit: AuditLog;
  /** <dataDir>/exports: each export from the UI goes into a new folder named by its time. */
  readonly exportsDir: string;
  readonly stationId: () => string;
  /** Language of the CSV header: the station's UI language. */
  readonly csvLanguage: () => Language;
  /** Forwards progress to the renderers (events.emit('audit.progress', …)). */
  readonly onProgress: (progress: AuditProgress) => void;
  readonly now?: () => Date;
}

export type AuditHandlers = Pick<
  Handlers<Methods>,
  'audit.query' | 'audit.entry' | 'audit.verify' | 'audit.export'
>;

function actorOf(ctx: CallContext): string {
  if (!ctx.session) throw new Error('audit handler called without a session');
  return ctx.session.username;
}

/**
 * A sealed station becomes STATION_LOCKED; anything else passes on unchanged (a full disk,
 * AuditStorageFullError, is the dispatcher's translateError's to turn into STORAGE_FULL and an alarm).
 */
function operatorFacing(error: unknown): unknown {
  return error instanceof AuditUnavailableError
    ? new OperatorFacingError('STATION_LOCKED', error.message)
    : error;
}

/** A folder name from the time, safe on every file system: 2025-01-31T09-30-00-000Z. */
function exportFolderName(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

export function auditHandlers(deps: AuditHandlerDeps): AuditHandlers {
  const { audit } = deps;
  const now = deps.now ?? (() => new Date());

  const verify = async (ctx: CallContext): Promise<AuditVerifyResult> => {
    const actor = actorOf(ctx);
    const result = await audit.verify(deps.onProgress);
    try {
      audit.append({
        type: 'audit.verified',
        actor,
        details: {
          intact: result.intact,
          entriesChecked: result.entriesChecked,
          checkpointsChecked: result.checkpointsChecked,
          firstBreakSeq: result.firstBreak?.seq ?? null,
          firstBreakKind: result.firstBreak?.kind ?? null,
        },
      });
    } catch (error) {
      // A broken log refuses further entries; the operator still needs to see where it broke.
      if (!(error instanceof AuditIntegrityError && !result.intact)) throw operatorFacing(error);
    }
    return result;
  };

  const exportRange = async (
    input: Parameters<AuditHandlers['audit.export']>[0],
    ctx: CallContext,
  ): Promise<AuditExportResult> => {
    const actor = actorOf(ctx);
    const directory = join(deps.exportsDir, exportFolderName(now()));
    try {
      const summary = await audit.export({
        directory,
        filter: input.filter,
        formats: input.formats,
        csvLanguage: deps.csvLanguage(),
        stationId: deps.stationId(),
        onProgress: deps.onProgress,
      });
      try {
        audit.append({
          type: 'audit.exported',
          actor,
          details: {
            folder: basename(directory),
            formats: input.formats.join(','),
            count: summary.count,
            firstSeq: summary.firstSeq,
            lastSeq: summary.lastSeq,
            lastHash: summary.lastHash,
          },
        });
      } catch (error) {
        rmSync(directory, { recursive: true, force: true });
        throw error;
      }
      return {
        directory: summary.directory,
        files: summary.files,
        count: summary.count,
        firstHash: summary.firstHash,
        lastHash: summary.lastHash,
      };
    } catch (error) {
      throw operatorFacing(error);
    }
  };

  return {
    'audit.query': ({ filter, before, limit }) =>
      audit.query({ filter, limit, ...(before === undefined ? {} : { before }) }),
    'audit.entry': ({ seq }) => {
      const entry = audit.get(seq);
      if (!entry) throw new OperatorFacingError('NOT_FOUND', `There is no audit entry ${seq}.`);
      return entry;
    },
    'audit.verify': (_input, ctx) => verify(ctx),
    'audit.export': exportRange,
  };
}
