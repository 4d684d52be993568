// A failed call in operator words (from its ApiError code), with the station's technical message
// one click away.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../shared/api-error';
import { FailIcon } from './icons';

interface ErrorNoticeProps {
  readonly title: string;
  readonly error: ApiErrorData;
  readonly testId: string;
  readonly children?: ReactNode;
}

export function ErrorNotice({ title, error, testId, children }: ErrorNoticeProps) {
  const { t } = useTranslation();
  return (
    <div className="error-notice" role="alert" data-testid={testId} data-code={error.code}>
      <FailIcon className="error-icon" />
      <div className="error-body">
        <p className="error-title">{title}</p>
        <p className="error-advice" data-testid="error-advice">
          {t(`errors.codes.${error.code}`)}
        </p>
        <details className="error-technical" data-testid="error-technical">
          <summary>{t('errors.technical')}</summary>
          <dl>
            <dt>{t('errors.code')}</dt>
            <dd>{error.code}</dd>
            <dt>{t('errors.message')}</dt>
            <dd>{error.message}</dd>
            {error.issues && error.issues.length > 0 && (
              <>
                <dt>{t('errors.issues')}</dt>
                <dd>
                  <ul>
                    {error.issues.map((issue) => (
                      <li key={`${issue.path}-${issue.problem}`}>
                        {issue.path}: {issue.problem}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
        </details>
        {children && <div className="error-actions">{children}</div>}
      </div>
    </div>
  );
}
