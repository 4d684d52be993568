// Shows the screen the navigation selected.
import type { Screen } from '../../state/ui-slice';
import { AuditScreen } from '../audit/AuditScreen';
import { CeremonyScreen } from '../ceremony/CeremonyScreen';
import { DevicesScreen } from '../devices/DevicesScreen';
import { FillScreen } from '../fill/FillScreen';
import { OperatorsScreen } from '../operators/OperatorsScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { StatusPanel } from '../status/StatusPanel';
import { VerifyScreen } from '../verify/VerifyScreen';

export function ScreenView({ screen }: { readonly screen: Screen }) {
  switch (screen) {
    case 'status':
      return <StatusPanel />;
    case 'fill':
      return <FillScreen />;
    case 'verify':
      return <VerifyScreen />;
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
  }
}
