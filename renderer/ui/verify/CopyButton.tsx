// Copies a value (a digest) to the clipboard and says whether it worked; where the clipboard is
// refused, it says so and the value stays selectable on screen.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type CopyState = 'idle' | 'copied' | 'failed';

export function CopyButton({ value, testId }: { readonly value: string; readonly testId: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<CopyState>('idle');
  const copy = () => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) {
      setState('failed');
      return;
    }
    clipboard.writeText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <span className="copy">
      <button
        type="button"
        className="button button-small"
        data-testid={testId}
        data-state={state}
        onClick={copy}
      >
        {state === 'copied' ? t('verify.copied') : t('verify.copy')}
      </button>
      {state === 'failed' && (
        <span className="copy-failed" role="status" data-testid={`${testId}-failed`}>
          {t('verify.copyFailed')}
        </span>
      )}
    </span>
  );
}
