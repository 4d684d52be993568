// The last failed operator action (e.g. a language switch the station refused), until dismissed.
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../state/station-store';
import { ErrorNotice } from './ErrorNotice';

export function ActionErrorNotice() {
  const { t } = useTranslation();
  const actionError = useStationStore((s) => s.actionError);
  const dismiss = useStationStore((s) => s.dismissActionError);
  if (!actionError) return null;
  return (
    <ErrorNotice
      title={t(`errors.actions.${actionError.action}`)}
      error={actionError.error}
      testId="action-error"
    >
      <button type="button" className="button" data-testid="action-error-dismiss" onClick={dismiss}>
        {t('errors.dismiss')}
      </button>
    </ErrorNotice>
  );
}
