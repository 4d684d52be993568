// A modal dialog over the screen: a title, its content, closed with Escape or its own buttons.
// Large and centred, so it reads from a standing position.
import { useId, type ReactNode } from 'react';

interface DialogProps {
  readonly title: string;
  readonly testId: string;
  /** Called on Escape; leave out for a dialog that must be answered. */
  readonly onClose?: () => void;
  readonly children: ReactNode;
}

export function Dialog({ title, testId, onClose, children }: DialogProps) {
  const titleId = useId();
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onClose) onClose();
      }}
    >
      <section
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {children}
      </section>
    </div>
  );
}
