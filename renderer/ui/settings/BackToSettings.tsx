// The way back from a screen reached through Settings.
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';

export function BackToSettings({ testId }: { readonly testId: string }) {
  const { t } = useTranslation();
  const showScreen = useStationStore((s) => s.showScreen);
  return (
    <button
      type="button"
      className="button back-button"
      data-testid={testId}
      onClick={() => showScreen('settings')}
    >
      {t('settings.back')}
    </button>
  );
}
