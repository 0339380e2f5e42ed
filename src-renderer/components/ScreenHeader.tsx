import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

/**
 * Each screen's heading takes focus when the screen opens, so keyboard and screen-reader users land on it.
 * A screen's main actions (`children`) sit at the right of its title, wrapping under it when narrow.
 */
export function ScreenHeader({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus({ preventScroll: true }), [title]);
  return (
    <header className={children ? 'screen-header with-actions' : 'screen-header'}>
      <div className="screen-title">
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
      </div>
      {children}
    </header>
  );
}
