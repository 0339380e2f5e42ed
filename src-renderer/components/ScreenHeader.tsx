import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

/** Each screen's heading takes focus when the screen opens, so keyboard and screen-reader users land on it. */
export function ScreenHeader({ title, subtitle }: { title: string; subtitle?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus({ preventScroll: true }), [title]);
  return (
    <header className="screen-header">
      <h1 ref={ref} tabIndex={-1}>
        {title}
      </h1>
      {subtitle ? <p className="muted">{subtitle}</p> : null}
    </header>
  );
}
