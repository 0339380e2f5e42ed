import { useEffect } from 'react';
import { HelpDialog } from '../help/HelpDialog';
import { useApp } from '../store/app-store';
import { SCREENS, screenFromHash } from '../store/navigation';
import { HostStopped } from './HostStopped';
import { JobsPanel } from './JobsPanel';
import { LockControl, useLockShortcut } from './LockControl';
import { NoticeBar } from './NoticeBar';
import { ScreenOutlet } from './ScreenOutlet';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';

export function App() {
  useGlobalKeys();
  const helpOpen = useApp((s) => s.help !== null);
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
      {helpOpen ? <HelpDialog /> : null}
      <HostStopped />
    </div>
  );
}

/** Alt+1..8 opens a screen, Alt+J the jobs panel; F1, or "?" outside a text field, opens Help. */
function useGlobalKeys() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F1' || (event.key === '?' && !event.ctrlKey && !event.altKey && !typingIn(event.target))) {
        useApp.getState().openHelp();
        event.preventDefault();
        return;
      }
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

/** "?" is a character when the custodian is typing: in a field it stays a character. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}
