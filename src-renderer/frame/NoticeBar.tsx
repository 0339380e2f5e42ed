import { useApp } from '../store/app-store';

/** The page's banner: messages of actions started on the page (a dialog shows its own). Dismissable. */
export function NoticeBar() {
  const notice = useApp((s) => s.notice);
  const clear = useApp((s) => s.clearNotice);
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>
        {notice.code ? <code className="error-code">{notice.code}</code> : null} {notice.text}
      </span>
      <button type="button" className="icon-button" aria-label="Dismiss message" onClick={clear}>
        ×
      </button>
    </div>
  );
}
