import { useEffect } from 'react';
import { useApp } from '../store/app-store';
import { SCREENS, screenFromHash } from '../store/navigation';
import { JobsPanel } from './JobsPanel';
import { LockControl, useLockShortcut } from './LockControl';
import { NoticeBar } from './NoticeBar';
import { ScreenOutlet } from './ScreenOutlet';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';

export function App() {
  useGlobalKeys();
  useLockShortcut();
  useEffect(() => {
    const onHash = () => useApp.getState().go(screenFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return (
    <div className="app">
      <button
        type="button"
        className="skip-link"
        onClick={() => document.querySelector<HTMLElement>('.screen-header h1')?.focus()}
      >
        Skip to content
      </button>
      <Sidebar />
      <main className="main" aria-live="off">
        <LockControl />
        <NoticeBar />
        <ScreenOutlet />
      </main>
      <JobsPanel />
      <StatusBar />
    </div>
  );
}

/** Alt+1..7 opens a screen, Alt+J the jobs panel. */
function useGlobalKeys() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const digit = Number(event.code.replace('Digit', ''));
      const target = SCREENS[digit - 1];
      if (target) {
        useApp.getState().go(target.id);
        event.preventDefault();
      } else if (event.code === 'KeyJ') {
        useApp.getState().toggleJobsPanel();
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
