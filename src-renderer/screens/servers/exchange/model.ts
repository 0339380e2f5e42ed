import type { EntryView, RetrievedChain, TestStep } from '../../../src-main/contract';

/** The certificate exchange, as DOMAIN.md lays it out: server, its certificate, ours, hand-over, test, save. */
export type ExchangeStep = 'server' | 'server-certificate' | 'station-certificate' | 'hand-over' | 'test' | 'save';
export const EXCHANGE_STEPS: readonly ExchangeStep[] = [
  'server',
  'server-certificate',
  'station-certificate',
  'hand-over',
  'test',
  'save',
];
export const EXCHANGE_STEP_NAMES = [
  'Key server',
  'Its certificate',
  'Station certificate',
  'Hand over',
  'Test',
  'Save',
];

/** Everything the wizard collects. Public data only (certificates, labels), so it may rest in sessionStorage to resume. */
export interface ExchangeData {
  /** Set when re-running the exchange for a server already saved. */
  existing: string | null;
  name: string;
  address: string;
  kmipPort: number;
  role: 'primary' | 'secondary';
  verifyHostname: boolean;
  fetchPort: number;
  chain: (RetrievedChain & { fetchId: string }) | null;
  chosenIndex: number;
  compared: boolean;
  trustAlias: string;
  trustLabel: string | null;
  identityMode: 'existing' | 'self-signed' | 'csr';
  identityLabel: string | null;
  identityCn: string;
  identitySans: string;
  csrPem: string | null;
  stationPem: string | null;
  test: { ok: boolean; steps: TestStep[] } | null;
}

export function freshExchange(): ExchangeData {
  return {
    existing: null,
    name: '',
    address: '',
    kmipPort: 5696,
    role: 'primary',
    verifyHostname: true,
    fetchPort: 5696,
    chain: null,
    chosenIndex: 0,
    compared: false,
    trustAlias: '',
    trustLabel: null,
    identityMode: 'self-signed',
    identityLabel: null,
    identityCn: '',
    identitySans: '',
    csrPem: null,
    stationPem: null,
    test: null,
  };
}

const RESUME_KEY = 'custos.wizard.certificate-exchange';

export function saveProgress(step: ExchangeStep, data: ExchangeData): void {
  sessionStorage.setItem(RESUME_KEY, JSON.stringify({ step, data }));
}

export function savedProgress(): { step: ExchangeStep; data: ExchangeData } | null {
  try {
    const raw = sessionStorage.getItem(RESUME_KEY);
    return raw ? (JSON.parse(raw) as { step: ExchangeStep; data: ExchangeData }) : null;
  } catch {
    return null;
  }
}

export function clearProgress(): void {
  sessionStorage.removeItem(RESUME_KEY);
}

export function identities(entries: EntryView[]): EntryView[] {
  return entries.filter((e) => e.type === 'client-identity' && e.state === 'active');
}
