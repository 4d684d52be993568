// Renderer entry: connects the contract client, starts the session, station, ceremony, entropy,
// fill and key-service syncs into the store, makes i18n follow the store's language and renders
// the station shell.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createClient } from './client/create-client';
import { followLanguage } from './i18n/follow-language';
import { createI18n } from './i18n/i18n';
import { startCeremonySync } from './state/ceremony-sync';
import { startEntropySync } from './state/entropy-sync';
import { startFillSync } from './state/fill-sync';
import { startKeyServiceSync } from './state/key-service-sync';
import { startSessionSync } from './state/session-sync';
import { useStationStore } from './state/station-store';
import { startStationSync } from './state/station-sync';
import { App } from './ui/App';
import { StationServicesContext, type StationServices } from './ui/station-services';
import { StationSyncContext } from './ui/station-sync-context';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

const i18n = createI18n(useStationStore.getState().language);
followLanguage(useStationStore, i18n, document);
const session = startSessionSync(createClient(), useStationStore);
const sync = startStationSync(session.client, useStationStore);
const services: StationServices = {
  session,
  ceremony: startCeremonySync(session.client, useStationStore),
  entropy: startEntropySync(session.client, useStationStore),
  fill: startFillSync(session.client, useStationStore),
  keyService: startKeyServiceSync(session.client, useStationStore),
};

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <StationSyncContext value={sync}>
        <StationServicesContext value={services}>
          <App />
        </StationServicesContext>
      </StationSyncContext>
    </I18nextProvider>
  </StrictMode>,
);
