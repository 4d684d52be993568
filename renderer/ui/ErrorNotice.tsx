// A failed call in operator words (from its ApiError code; a code this screen does not know gets a
// general sentence), with the station's technical message one click away, or shown outright when
// it names the rule or conflict that refused the request.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../shared/api-error';
import { errorAdviceKey, messageWorthShowing } from './errors/error-words';
import { FailIcon } from './icons';

interface ErrorNoticeProps {
  readonly title: string;
  readonly error: ApiErrorData;
  readonly testId: string;
  /** Replaces the sentence worded from the code (e.g. "wrong passphrase" for a sign-in form). */
  readonly advice?: string;
  readonly children?: ReactNode;
}

export function ErrorNotice({ title, error, testId, advice, children }: ErrorNoticeProps) {
  const { t } = useTranslation();
  const showMessage = advice === undefined && messageWorthShowing(error.code);
  return (
    <div className="error-notice" role="alert" data-testid={testId} data-code={error.code}>
      <FailIcon className="error-icon" />
      <div className="error-body">
        <p className="error-title">{title}</p>
        <p className="error-advice" data-testid="error-advice">
          {advice ?? t(errorAdviceKey(error.code))}
        </p>
        {showMessage && (
          <p className="error-message" data-testid="error-message">
            {error.message}
          </p>
        )}
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
