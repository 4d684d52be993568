// The station shell: header, alarm and connection banners across the top, navigation on the
// left, the selected screen on the right.
import { useStationStore } from '../state/station-store';
import { ActionErrorNotice } from './ActionErrorNotice';
import { AlarmBanner } from './AlarmBanner';
import { AppHeader } from './AppHeader';
import { ConnectionBanner } from './ConnectionBanner';
import { NavBar } from './NavBar';
import { ScreenView } from './screens/ScreenView';

export function App() {
  const screen = useStationStore((s) => s.screen);
  return (
    <div className="app">
      <AppHeader />
      <AlarmBanner />
      <ConnectionBanner />
      <div className="app-body">
        <NavBar />
        <main className="screen" data-testid="screen" data-screen={screen}>
          <ActionErrorNotice />
          <ScreenView screen={screen} />
        </main>
      </div>
    </div>
  );
}
