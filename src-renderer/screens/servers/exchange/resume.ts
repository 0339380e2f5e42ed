import type { ExchangeData, ExchangeStep } from './model';

/** A reload must not lose a half-done exchange; the data is public (certificates, labels), so sessionStorage may hold it. */
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
