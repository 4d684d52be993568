// Shows the screen the navigation selected.
import type { Screen } from '../../state/ui-slice';
import { StatusPanel } from '../status/StatusPanel';
import { PlannedScreen } from './PlannedScreen';

export function ScreenView({ screen }: { readonly screen: Screen }) {
  return screen === 'status' ? <StatusPanel /> : <PlannedScreen name={screen} />;
}
