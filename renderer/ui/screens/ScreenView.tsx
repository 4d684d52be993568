// Shows the screen the navigation selected.
import type { Screen } from '../../state/ui-slice';
import { AuditScreen } from '../audit/AuditScreen';
import { CeremonyScreen } from '../ceremony/CeremonyScreen';
import { DevicesScreen } from '../devices/DevicesScreen';
import { OperatorsScreen } from '../operators/OperatorsScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { StatusPanel } from '../status/StatusPanel';
import { PlannedScreen } from './PlannedScreen';

export function ScreenView({ screen }: { readonly screen: Screen }) {
  switch (screen) {
    case 'status':
      return <StatusPanel />;
    case 'audit':
      return <AuditScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'operators':
      return <OperatorsScreen />;
    case 'ceremony':
      return <CeremonyScreen />;
    case 'devices':
      return <DevicesScreen />;
    default:
      return <PlannedScreen name={screen} />;
  }
}
