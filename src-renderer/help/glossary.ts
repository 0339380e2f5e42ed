/**
 * The glossary in the custodian's words: what each term means, and where it shows up in Custos.
 * Facts follow the source documents (IBM's TS7700, TS1120/EKM, ISKLM and DS8000 papers).
 */
export interface GlossaryEntry {
  /** Stable id, used by <Term id="..."> and the Help panel's links. */
  id: TermId;
  term: string;
  /** Other words a custodian may search for. */
  aka: string[];
  meaning: string;
  whereInCustos: string;
}

export type TermId =
  | 'kek'
  | 'eedk'
  | 'label-encoding'
  | 'kcv'
  | 'device-group'
  | 'device-family'
  | 'ipp'
  | 'kmip'
  | 'san'
  | 'custodian-share'
  | 'data-key'
  | 'key-label';

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'kek',
    term: 'KEK (key encrypting key)',
    aka: ['key encrypting key', 'key pair', 'alias'],
    meaning:
      'An RSA key pair that protects data keys, never data itself. A tape drive writes each cartridge with a random data key; the key server wraps that data key under one or two KEKs. A partner site may hold only the public half (its certificate), so each site can write tapes the other can read without sharing private keys.',
    whereInCustos:
      'Keystore: "Create KEK" makes one (RSA 2048/3072/4096 with a certificate). A KEK still used by cartridges cannot be destroyed until they are rewritten.',
  },
  {
    id: 'data-key',
    term: 'Data key (DK)',
    aka: ['DK', 'AES key'],
    meaning:
      'The random AES-256 key that actually encrypts a cartridge (tape) or a system (disk). It is only ever stored wrapped: as EEDKs under KEKs, or under an access key.',
    whereInCustos:
      'Keystore, EEDK menu: "Wrap a data key" makes one and wraps it; "Open an EEDK file" shows its key check value, never the key.',
  },
  {
    id: 'eedk',
    term: 'EEDK (externally encrypted data key)',
    aka: ['externally encrypted data key', 'wrapped key'],
    meaning:
      "A data key wrapped with a KEK's public key. A cartridge carries two EEDKs, one per KEK label (alias1 and alias2), so either site can read it: only one of them needs to unwrap. The drive never sees a KEK.",
    whereInCustos:
      'Keystore, EEDK menu: "Wrap a data key" wraps a fresh data key under one or two KEKs into an EEDK file; "Open an EEDK file" opens one with whichever KEK this station holds.',
  },
  {
    id: 'label-encoding',
    term: 'L/H encoding (key label encoding)',
    aka: ['L', 'H', 'label mode', 'hash mode', 'clear label', 'public key hash'],
    meaning:
      "How an EEDK names the KEK it was wrapped under. L (clear label): the KEK's label is stored as text; it breaks when the other site calls the same key by another label. H (public key hash): a hash of the KEK's public key is stored; it works across sites whatever the labels, but if the key is later removed there is no good way to tell which key a cartridge needs.",
    whereInCustos:
      'The EEDK dialog and 3592 device groups: each KEK is chosen with L or H. On the CLI: --kek LABEL:L or LABEL:H.',
  },
  {
    id: 'key-label',
    term: 'Key label',
    aka: ['alias', 'label'],
    meaning:
      'The name a keystore gives a key, such as "Finance Dept GL Key 1": free text, at most 64 characters, not case-sensitive. Two independent key stores must never be merged later, or their labels collide even though the keys differ.',
    whereInCustos: 'Keystore: every entry has one; labels are unique regardless of case.',
  },
  {
    id: 'kcv',
    term: 'Key check value (KCV)',
    aka: ['KCV', 'check value'],
    meaning:
      'A short value computed from a secret key that identifies it without revealing it. Two sites compare KCVs to confirm they hold the same key; a different KCV means different key material.',
    whereInCustos:
      "Keystore: shown for AES keys; device-group sync compares KCVs with the key server and leaves a matching key alone; backups list each key's KCV.",
  },
  {
    id: 'device-group',
    term: 'Device group',
    aka: ['group', 'SKLM group'],
    meaning:
      "A set of keys and certificates that serves a subset of devices, managed apart from the rest (SKLM's device groups). A group either accepts new device requests automatically or holds them pending approval. Names: at most 16 characters, a letter first, then letters, digits and underscores.",
    whereInCustos:
      'Device groups: create a group, its keys and devices; sync it to the key servers (KMIP Object Group); approve or reject pending devices.',
  },
  {
    id: 'device-family',
    term: 'Device family',
    aka: ['family', '3592', 'LTO', 'DS5000', 'DS8000', 'GPFS', 'PEER_TO_PEER', 'GENERIC'],
    meaning:
      'The kind of devices a group serves, which sets the kind of keys it holds. 3592: IBM enterprise tape drives, asymmetric KEKs (two labels). LTO: LTO tape drives, many AES keys. DS5000: symmetric keys tied to one device. DS8000: disk systems. GPFS: many devices to many keys, with access by certificate. PEER_TO_PEER: two devices, many AES keys. GENERIC: plain KMIP.',
    whereInCustos:
      'Device groups: chosen in the first step of "Create a device group"; it sets which keys the group holds.',
  },
  {
    id: 'kmip',
    term: 'KMIP',
    aka: ['Key Management Interoperability Protocol', '5696'],
    meaning:
      'The OASIS Key Management Interoperability Protocol: how storage systems and this station ask a key server to create, find and hand out keys. It runs over TLS 1.2 with certificates on both sides, on port 5696.',
    whereInCustos:
      "Key servers: each server's KMIP port (5696), the connection test and the KMIP console; the message log records every KMIP message with key material redacted (Settings turns it on or off).",
  },
  {
    id: 'ipp',
    term: 'IPP (IBM Proprietary Protocol)',
    aka: ['IBM Proprietary Protocol', '3801', '1441'],
    meaning:
      "IBM's older key-serving protocol, used by tape drives talking to EKM and SKLM: TCP port 3801, and SSL port 1441 (1443 in some z/OS setups). Its message format is not public, so Custos only checks that the ports answer.",
    whereInCustos: 'Key servers: the server\'s IPP ports and the "IPP port probe".',
  },
  {
    id: 'san',
    term: 'SAN (subject alternative name)',
    aka: ['subject alternative name', 'DNS name', 'IP address'],
    meaning:
      "The host names and IP addresses a certificate is valid for. A TLS client checks the address it connected to against the server certificate's SANs: a key server reached at an address its certificate does not list is refused (a wrong host).",
    whereInCustos:
      "Key servers: the exchange wizard shows the server certificate's SANs; the station identity's certificate or request can carry SANs (custos cert self-signed --san).",
  },
  {
    id: 'custodian-share',
    term: 'Custodian share (M of N)',
    aka: ['share', 'M of N', 'Shamir', 'threshold'],
    meaning:
      "One piece of a backup's key split among N custodians so that any M of them together can restore it, and fewer than M learn nothing. Each share carries the set, its number, M, N and a checksum, so a mistyped, foreign or repeated share is named before anything is rebuilt.",
    whereInCustos:
      'Backup: "Back up keys" with custodian shares writes one share file and a printable sheet per custodian; restore asks for M of them.',
  },
];

export const GLOSSARY_BY_ID: ReadonlyMap<TermId, GlossaryEntry> = new Map(GLOSSARY.map((e) => [e.id, e]));

/** Entries whose term, other names, meaning or place in Custos contain every word of the query. */
export function searchGlossary(query: string): GlossaryEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...GLOSSARY];
  return GLOSSARY.filter((e) => {
    const text = [e.term, ...e.aka, e.meaning, e.whereInCustos].join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
