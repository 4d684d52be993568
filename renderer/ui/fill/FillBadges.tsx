// Small marks used across the Fill and Verify screens: SIMULATED (the simulation line's own
// indigo, never to be shipped) and a chip's key-service sync state (grey when normal, red on a
// conflict, indigo when simulated), each as a word, never colour alone.
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../shared/fill';

export function SimulatedTag({ testId }: { readonly testId: string }) {
  const { t } = useTranslation();
  return (
    <span className="simulated-tag-small" data-testid={testId}>
      {t('fill.simulated')}
    </span>
  );
}

export function SyncBadge({ sync, testId }: { readonly sync: SyncState; readonly testId: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge sync-badge sync-${sync}`} data-testid={testId} data-sync={sync}>
      {t(`fill.sync.${sync}`)}
    </span>
  );
}
