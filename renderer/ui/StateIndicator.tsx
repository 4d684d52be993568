// The station's state in the header as word, shape and colour: Ready, Alarm, Locked, Not set up,
// Status unknown, Connecting, Connection lost or Not connected.
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../state/station-store';
import { AlarmIcon, ConnectionIcon, LockIcon, ReadyIcon, SetupIcon } from './icons';
import { stationDisplayState, type StationDisplayState } from './station-state';

const WORD_KEYS = {
  ready: 'state.ready',
  alarm: 'state.alarm',
  setup: 'state.setup',
  locked: 'state.locked',
  unknown: 'state.unknown',
  connecting: 'state.connecting',
  reconnecting: 'state.reconnecting',
  'missing-token': 'state.missingToken',
} as const satisfies Record<StationDisplayState, string>;

function StateShape({ state }: { readonly state: StationDisplayState }) {
  if (state === 'ready') return <ReadyIcon />;
  if (state === 'alarm') return <AlarmIcon />;
  if (state === 'locked') return <LockIcon />;
  if (state === 'setup') return <SetupIcon />;
  return <ConnectionIcon />;
}

export function StateIndicator() {
  const { t } = useTranslation();
  const connection = useStationStore((s) => s.connection);
  const status = useStationStore((s) => s.status);
  const loading = useStationStore((s) => s.statusLoading);
  const state = stationDisplayState(connection, status, loading);
  return (
    <div
      className={`state-indicator state-${state}`}
      data-testid="station-state"
      data-state={state}
      role="status"
      aria-label={t('header.stateLabel')}
    >
      <StateShape state={state} />
      <span className="state-word">{t(WORD_KEYS[state])}</span>
    </div>
  );
}
