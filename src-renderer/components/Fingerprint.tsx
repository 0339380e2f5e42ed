import { useState } from 'react';

/**
 * A fingerprint shown whole, in groups a custodian reads aloud and compares (4 bytes each), that
 * wrap between groups in a narrow pane instead of being cut; with a button that copies it exactly.
 */
export function Fingerprint({ value, name }: { value: string; name: string }) {
  const [copied, setCopied] = useState(false);
  const groups = value.includes(':')
    ? chunk(value.split(':'), 4).map((g) => g.join(':'))
    : (value.match(/.{1,8}/g) ?? []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false); // no clipboard here (e.g. a page without permission): the groups stay selectable
    }
  };
  return (
    <span className="fingerprint-box">
      <code className="fingerprint" aria-label={`${name} ${value}`}>
        {groups.map((g, i) => (
          <span className="fingerprint-group" key={i}>
            {g}
            {value.includes(':') && i < groups.length - 1 ? ':' : ''}
          </span>
        ))}
      </code>
      <button type="button" className="small copy" aria-label={`Copy ${name}`} onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
