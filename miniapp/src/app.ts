import './setup/zod';
import './setup/theme';
import type { PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { installAccessibility } from './platform/accessibility';
import { routeEntryPath } from './platform/entry';
import { installPrivacyHandler } from './platform/privacy';
import { replayObservations, watchObservationQueue } from './services/observations';
import { replayQueue, watchNetwork } from './services/signin-queue';
import './app.scss';

// Before the router reads the address: a scanned `/s/...` link must open the sign-in page.
routeEntryPath();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    watchNetwork();
    watchObservationQueue();
    installPrivacyHandler();
    installAccessibility();
  });
  // Scans saved offline are sent whenever the app comes back to the foreground.
  useDidShow(() => {
    void replayQueue();
    void replayObservations();
  });
  return children;
}

export default App;
