import { randomUUID } from 'node:crypto';
import { fail, ServerCode } from '../../contract';
import type { EntryView, RetrievedChain } from '../../contract';
import type { Keystore } from '../keystore';
import { certificateDerFrom } from '../certs';
import { fingerprintMatches, retrieveServerChain } from './retrieve';

/** How long a retrieved chain waits for the custodian's trust decision. */
const FETCH_KEPT_MS = 15 * 60_000;

/**
 * The trust half of the certificate exchange: a server's chain is retrieved and shown, and the
 * custodian trusts exactly the certificate shown once its fingerprint was compared out of band.
 */
export class TrustDecisions {
  /** Chains retrieved for a trust decision, kept briefly so the decision names exactly what was shown. */
  private readonly fetched = new Map<string, { der: Buffer[]; at: number }>();

  constructor(private readonly keystore: Keystore) {}

  async retrieve(host: string, port: number): Promise<RetrievedChain & { fetchId: string }> {
    const { der, ...chain } = await retrieveServerChain(host, port);
    const fetchId = randomUUID();
    const cutoff = Date.now() - FETCH_KEPT_MS;
    for (const [id, f] of this.fetched) if (f.at < cutoff) this.fetched.delete(id);
    this.fetched.set(fetchId, { der, at: Date.now() });
    return { ...chain, fetchId };
  }

  /** The explicit trust decision of the wizard: the certificate shown, with the fingerprint compared. */
  trustRetrieved(fetchId: string, index: number, sha256: string, alias: string): EntryView {
    const der = this.fetched.get(fetchId)?.der[index];
    if (!der) fail(ServerCode.FetchExpired, 'That retrieved certificate is no longer at hand; retrieve it again.');
    return this.trustCertificate(der, sha256, alias, 'retrieved over TLS');
  }

  /** A certificate file the key server administrator handed over (PEM or DER), trusted once its fingerprint matches. */
  trustUpload(file: Buffer, sha256: string, alias: string): EntryView {
    return this.trustCertificate(certificateDerFrom(file), sha256, alias, 'uploaded certificate file');
  }

  trustCertificate(der: Buffer, sha256: string, alias: string, origin: string): EntryView {
    if (!fingerprintMatches(der, sha256)) {
      fail(
        ServerCode.FingerprintMismatch,
        'The certificate does not have the SHA-256 fingerprint given; nothing was trusted. Compare it again with the key server administrator.',
      );
    }
    return this.keystore.add(
      { label: alias, type: 'trusted-certificate', origin, certificateDer: der },
      'server.trust',
      `SHA-256 ${sha256.slice(0, 23)}…`,
    );
  }
}
