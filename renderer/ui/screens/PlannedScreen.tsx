// A screen that is not built yet: its name and one or two sentences on what it will hold.
import { useTranslation } from 'react-i18next';
import type { Screen } from '../../state/ui-slice';

export type PlannedScreenName = Extract<Screen, 'fill' | 'verify'>;

export function PlannedScreen({ name }: { readonly name: PlannedScreenName }) {
  const { t } = useTranslation();
  return (
    <section className="planned-screen" data-testid={`screen-${name}`}>
      <h1>{t(`nav.${name}`)}</h1>
      <p className="planned-note">{t('planned.notBuilt')}</p>
      <p className="planned-text">{t(`planned.${name}`)}</p>
    </section>
  );
}
