import { useApp } from '../store/app-store';

export function NoticeBar() {
  const notice = useApp((s) => s.notice);
  const clear = useApp((s) => s.clearNotice);
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" className="icon-button" aria-label="Dismiss message" onClick={clear}>
        ×
      </button>
    </div>
  );
}
