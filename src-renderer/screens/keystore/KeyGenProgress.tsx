import { useEffect, useState } from 'react';
import { ProgressBar } from '../../components/ProgressBar';

/**
 * While a key pair is being made: an indeterminate bar, what is happening and for how long. RSA
 * generation runs off main's event loop, so the window stays responsive; it takes from well under
 * a second (2048) to several seconds (4096), and no fraction of it can honestly be shown. The
 * certificate is signed and the key sealed in milliseconds once the pair exists.
 */
export function KeyGenProgress({ bits, where }: { bits: number; where: string }) {
  const [started] = useState(() => Date.now());
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, [started]);
  return (
    <div className="keygen-progress" role="status" aria-label="Key generation progress">
      <ProgressBar value={null} label={`Generating an RSA-${bits} key pair`} />
      <p className="small">
        Generating an RSA-{bits} key pair {where}, then signing its certificate and sealing it
        {seconds > 0 ? ` · ${seconds} s` : ''}
        {bits >= 4096 ? ' (RSA 4096 can take several seconds)' : ''}
      </p>
    </div>
  );
}
