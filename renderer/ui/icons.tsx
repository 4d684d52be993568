// State shapes, so no state is told by colour alone: a filled circle for ready and pass, a
// triangle with a bar for alarm, a diamond for a connection problem, a square with a cross for
// fail, a padlock for a locked station, a framed plus for a station not yet set up.
import type { ReactNode } from 'react';

interface IconProps {
  readonly className?: string;
}

function Svg({ className, children }: IconProps & { readonly children: ReactNode }) {
  return (
    <svg className={`icon ${className ?? ''}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export function ReadyIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <circle cx="12" cy="12" r="9" />
    </Svg>
  );
}

export function AlarmIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M12 2 L23 21 H1 Z" />
      <path className="icon-cut" d="M11 8 H13 V15 H11 Z M11 17 H13 V19 H11 Z" />
    </Svg>
  );
}

export function ConnectionIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M12 1 L23 12 L12 23 L1 12 Z" />
      <path className="icon-cut" d="M11 6 H13 V13 H11 Z M11 15 H13 V17 H11 Z" />
    </Svg>
  );
}

export function PassIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <circle cx="12" cy="12" r="10" />
      <path className="icon-cut" d="M6.5 12.5 L10.5 16.5 L18 8.5 L16.5 7 L10.5 13.5 L8 11 Z" />
    </Svg>
  );
}

export function FailIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <rect x="2" y="2" width="20" height="20" />
      <path
        className="icon-cut"
        d="M7 8.5 L8.5 7 L12 10.5 L15.5 7 L17 8.5 L13.5 12 L17 15.5 L15.5 17 L12 13.5 L8.5 17 L7 15.5 L10.5 12 Z"
      />
    </Svg>
  );
}

export function LockIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M6 10 V7 A6 6 0 0 1 18 7 V10 H16 V7 A4 4 0 0 0 8 7 V10 Z" />
      <rect x="4" y="10" width="16" height="12" rx="1" />
      <path className="icon-cut" d="M11 13 H13 V19 H11 Z" />
    </Svg>
  );
}

export function SetupIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M2 2 H22 V22 H2 Z M5 5 V19 H19 V5 Z" />
      <path d="M11 7 H13 V11 H17 V13 H13 V17 H11 V13 H7 V11 H11 Z" />
    </Svg>
  );
}
