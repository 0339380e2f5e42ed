import type { Theme } from '../../src-main/contract';

const CACHE_KEY = 'custos.theme';

/**
 * The custodian's theme on <html data-theme>: 'system' leaves it to prefers-color-scheme. The
 * choice is kept in the station; a copy in localStorage paints the first frame right on reload.
 */
export function applyTheme(theme: Theme): void {
  if (typeof document === 'undefined') return; // the store outside a window (unit tests)
  const root = document.documentElement;
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
  try {
    localStorage.setItem(CACHE_KEY, theme);
  } catch {
    // Storage refused (private window): the station's setting still applies once loaded.
  }
}

export function applyCachedTheme(): void {
  try {
    const cached = localStorage.getItem(CACHE_KEY);
    if (cached === 'light' || cached === 'dark') document.documentElement.setAttribute('data-theme', cached);
  } catch {
    // As above.
  }
}
