// Loud while the chip readers cannot be reached at all (no fill can run): what is wrong and what to
// do, by transport kind ("PC/SC service not running: start pcscd"), the station's detail beneath.
import { useTranslation } from 'react-i18next';
import type { FillLineStatus } from '../../../shared/fill';
import { AlarmIcon } from '../icons';

export function TransportNotice({ transport }: { readonly transport: FillLineStatus['transport'] }) {
  const { t } = useTranslation();
  if (transport.available) return null;
  return (
    <section
      className="line-notice"
      role="alert"
      data-testid="fill-transport-notice"
      data-kind={transport.kind}
      aria-labelledby="fill-transport-title"
    >
      <AlarmIcon className="line-notice-icon" />
      <div>
        <h2 id="fill-transport-title">{t('fill.transport.title')}</h2>
        <p className="line-notice-text">{t(`fill.transport.${transport.kind}`)}</p>
        {transport.detail && (
          <p className="line-notice-detail" data-testid="fill-transport-detail">
            {t('fill.transport.detail')}: <span className="mono">{transport.detail}</span>
          </p>
        )}
      </div>
    </section>
  );
}
