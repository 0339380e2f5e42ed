import { calls } from '../../../../src-main/contract';
import type { EntryFilter, EntryView, KeyServerView, RetrievedChain, TestStep } from '../../../../src-main/contract';
import { fieldErrors } from '../../../wizard/field-errors';

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
  /** The keystore label for a new identity; null until the custodian changes the suggested one. */
  identityAlias: string | null;
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
    identityAlias: null,
    identityCn: '',
    identitySans: '',
    csrPem: null,
    stationPem: null,
    test: null,
  };
}

/** The exchange re-run for a server already saved: its settings and bindings as the starting point. */
export function exchangeFor(server: KeyServerView): ExchangeData {
  return {
    ...freshExchange(),
    existing: server.name,
    name: server.name,
    address: server.address,
    kmipPort: server.kmipPort,
    fetchPort: server.kmipPort,
    role: server.role,
    verifyHostname: server.verifyHostname,
    trustLabel: server.trustLabel,
    identityLabel: server.identityLabel,
    identityMode: server.identityLabel ? 'existing' : 'self-signed',
  };
}

/** The station's client identities a server can be bound to, as the identity picker asks main for them. */
export const IDENTITIES: readonly EntryFilter[] = [{ type: 'client-identity', state: 'active' }];

/** Why an identity the picker lists cannot be bound yet; null when it can. */
export function identityProblem(entry: EntryView): string | null {
  return entry.certificate ? null : 'waiting for its signed certificate';
}

/** The few words after an identity's label in the picker: until when its certificate holds. */
export function identityNote(entry: EntryView): string {
  return entry.certificate ? `(until ${entry.certificate.notAfter.slice(0, 10)})` : '';
}

// Each step's fields are checked by the schema main checks that call's input with.
const ServerFieldsSchema = calls['servers.add'].input.pick({
  name: true,
  address: true,
  kmipPort: true,
  role: true,
  verifyHostname: true,
});
const TrustAliasSchema = calls['servers.trustRetrieved'].input.pick({ alias: true });
const IdentityFieldsSchema = calls['identity.createSelfSigned'].input.pick({
  label: true,
  commonName: true,
  subjectAltNames: true,
});

/** The key server as `servers.add` takes it (names trimmed: a name of spaces is no name). */
export function serverFields(data: ExchangeData) {
  return {
    name: data.name.trim(),
    address: data.address.trim(),
    kmipPort: data.kmipPort,
    role: data.role,
    verifyHostname: data.verifyHostname,
  };
}

export const serverErrors = (data: ExchangeData) => fieldErrors(ServerFieldsSchema, serverFields(data));

export const trustAliasErrors = (alias: string) => fieldErrors(TrustAliasSchema, { alias: alias.trim() });

/** The label a new station identity is kept under: the custodian's, else one named after the server. */
export function identityAlias(data: ExchangeData): string {
  return data.identityAlias ?? `${data.name || 'Station'} client`;
}

/** The station identity to generate, as `identity.createSelfSigned` and `identity.createCsr` take it. */
export function identityFields(data: ExchangeData) {
  return {
    label: identityAlias(data).trim(),
    commonName: data.identityCn.trim(),
    subjectAltNames: data.identitySans.split(/[\s,]+/).filter(Boolean),
  };
}

export const identityErrors = (data: ExchangeData) => fieldErrors(IdentityFieldsSchema, identityFields(data));

/** What must be settled before Next, beyond the fields themselves. */
export function isReady(step: ExchangeStep, data: ExchangeData): boolean {
  switch (step) {
    case 'server-certificate':
      return data.trustLabel !== null;
    case 'station-certificate':
      return data.identityLabel !== null;
    case 'test':
      return data.test !== null;
    default:
      return true;
  }
}
