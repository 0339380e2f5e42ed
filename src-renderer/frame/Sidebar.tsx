import type { KeyboardEvent } from 'react';
import { useApp } from '../store/app-store';
import { SCREENS } from '../store/navigation';

/** The screens, reachable by Tab, arrow keys, or Alt+1..8 from anywhere. */
export function Sidebar() {
  const screen = useApp((s) => s.screen);
  const go = useApp((s) => s.go);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-screen]')];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[(i + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
    next?.focus();
    event.preventDefault();
  };

  return (
    <nav className="sidebar" aria-label="Screens" onKeyDown={onKeyDown}>
      <div className="brand">
        <img src="/favicon.png" alt="" width={28} height={28} />
        <span>Custos</span>
      </div>
      <ul>
        {SCREENS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              data-screen={s.id}
              aria-current={screen === s.id ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${i + 1}`}
              onClick={() => go(s.id)}
            >
              <span>{s.title}</span>
              <kbd aria-hidden="true">Alt {i + 1}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
