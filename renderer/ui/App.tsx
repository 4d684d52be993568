// The station shell: header, alarm, simulation and connection banners across the top, then by station state
// the first-run setup, the unlock screen, or navigation on the left and the selected screen on
// the right; the sign-in and change-password dialogs over everything.
import { useStationStore } from '../state/station-store';
import { ActionErrorNotice } from './ActionErrorNotice';
import { AlarmBanner } from './AlarmBanner';
import { AppHeader } from './AppHeader';
import { ConnectionBanner } from './ConnectionBanner';
import { SimulationBanner } from './devices/SimulationBanner';
import { NavBar } from './NavBar';
import { ScreenView } from './screens/ScreenView';
import { PasswordDialog } from './session/PasswordDialog';
import { SignInDialog } from './session/SignInDialog';
import { SetupScreen } from './setup/SetupScreen';
import { UnlockScreen } from './unlock/UnlockScreen';

function Body() {
  const screen = useStationStore((s) => s.screen);
  const state = useStationStore((s) => s.status?.state);
  if (state === 'setup' || state === 'locked') {
    return (
      <main className="screen screen-whole" data-testid="screen" data-screen={state}>
        <ActionErrorNotice />
        {state === 'setup' ? <SetupScreen /> : <UnlockScreen />}
      </main>
    );
  }
  return (
    <div className="app-body">
      <NavBar />
      <main className="screen" data-testid="screen" data-screen={screen}>
        <ActionErrorNotice />
        <ScreenView screen={screen} />
      </main>
    </div>
  );
}

export function App() {
  return (
    <div className="app">
      <AppHeader />
      <AlarmBanner />
      <SimulationBanner />
      <ConnectionBanner />
      <Body />
      <SignInDialog />
      <PasswordDialog />
    </div>
  );
}
