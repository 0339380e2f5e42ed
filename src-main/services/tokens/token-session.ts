import { randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { ckrName, tokenRefusal } from './refusals';
import { decodeOaepSha256 } from './oaep';
import { findObjects, rsaPublicKey } from './objects';
import { ck } from './pkcs11';
import type { Cryptoki, Handle, RsaOaepParams } from './pkcs11';

/** How a module opens RSA-OAEP (SHA-256): natively, or raw RSA on the token and the padding here. */
type OaepRoute = 'native' | 'raw-rsa';
const OAEP_SHA256: RsaOaepParams = {
  type: ck.CK_PARAMS_RSA_OAEP,
  hashAlg: ck.CKM_SHA256,
  mgf: ck.CKG_MGF1_SHA256,
  source: 1, // CKZ_DATA_SPECIFIED, with no label
};
const oaepRoutes = new Map<string, OaepRoute>();

/** A key pair just made on the token, with what links it. */
export interface TokenKeyPair {
  id: Buffer;
  privateKey: Handle;
  publicKey: Handle;
  publicKeyObject: KeyObject;
}

/**
 * One logged-in session on one token: kept open while the custodian is logged in, so unwrapping
 * costs one decryption and no login (the point of the benchmark against pkcs11-tool).
 */
export class TokenSession {
  constructor(
    readonly cryptoki: Cryptoki,
    readonly modulePath: string,
    readonly slot: Handle,
    readonly handle: Handle,
    /** The station's name for the token, for sentences. */
    readonly tokenName: string,
  ) {}

  /** RSA key pair on the token: private key sensitive, never extractable, private; one CKA_ID for the pair and its certificate. */
  generateRsaKeyPair(label: string, bits: number): TokenKeyPair {
    const id = randomBytes(8);
    let pair: { publicKey: Handle; privateKey: Handle };
    try {
      pair = this.cryptoki.C_GenerateKeyPair(
        this.handle,
        { mechanism: ck.CKM_RSA_PKCS_KEY_PAIR_GEN },
        [
          { type: ck.CKA_TOKEN, value: true },
          { type: ck.CKA_PRIVATE, value: false },
          { type: ck.CKA_LABEL, value: label },
          { type: ck.CKA_ID, value: id },
          { type: ck.CKA_MODULUS_BITS, value: bits },
          { type: ck.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
          { type: ck.CKA_ENCRYPT, value: true },
          { type: ck.CKA_VERIFY, value: true },
          { type: ck.CKA_WRAP, value: true },
        ],
        [
          { type: ck.CKA_TOKEN, value: true },
          { type: ck.CKA_PRIVATE, value: true },
          { type: ck.CKA_SENSITIVE, value: true },
          { type: ck.CKA_EXTRACTABLE, value: false },
          { type: ck.CKA_LABEL, value: label },
          { type: ck.CKA_ID, value: id },
          { type: ck.CKA_DECRYPT, value: true },
          { type: ck.CKA_UNWRAP, value: true },
          // Signs only its own certificate and CSRs: the certificate must be made where the key is.
          { type: ck.CKA_SIGN, value: true },
        ],
      );
    } catch (e) {
      throw tokenRefusal(e, this.tokenName, `make an RSA-${bits} key pair`);
    }
    const publicKeyObject = rsaPublicKey(this.cryptoki, this.handle, pair.publicKey);
    if (!publicKeyObject) {
      this.destroy([pair.privateKey, pair.publicKey]);
      throw tokenRefusal(new Error('CKR_ATTRIBUTE_TYPE_INVALID'), this.tokenName, 'read the new public key');
    }
    return { id, ...pair, publicKeyObject };
  }

  /** SHA-256 with RSA PKCS#1 v1.5, on the token. */
  signSha256(privateKey: Handle, data: Buffer): Buffer {
    try {
      this.cryptoki.C_SignInit(this.handle, { mechanism: ck.CKM_SHA256_RSA_PKCS }, privateKey);
      return this.cryptoki.C_Sign(this.handle, data, Buffer.alloc(1024));
    } catch (e) {
      throw tokenRefusal(e, this.tokenName, 'sign a certificate (SHA-256 with RSA)');
    }
  }

  storeCertificate(label: string, id: Buffer, der: Buffer, subjectDer: Buffer): Handle {
    try {
      return this.cryptoki.C_CreateObject(this.handle, [
        { type: ck.CKA_CLASS, value: ck.CKO_CERTIFICATE },
        { type: ck.CKA_CERTIFICATE_TYPE, value: ck.CKC_X_509 },
        { type: ck.CKA_TOKEN, value: true },
        { type: ck.CKA_PRIVATE, value: false },
        { type: ck.CKA_LABEL, value: label },
        { type: ck.CKA_ID, value: id },
        { type: ck.CKA_SUBJECT, value: subjectDer },
        { type: ck.CKA_VALUE, value: der },
      ]);
    } catch (e) {
      throw tokenRefusal(e, this.tokenName, 'store the certificate');
    }
  }

  /** Removes objects Custos just made, so that a failure leaves nothing half-made on the token. */
  destroy(objects: Handle[]): void {
    for (const object of objects) {
      try {
        this.cryptoki.C_DestroyObject(this.handle, object);
      } catch {
        // keep removing the others
      }
    }
  }

  private readonly privateKeys = new Map<string, Handle>();

  /** A private key by CKA_ID (hex), found once per session: handles stay valid while it is open. */
  privateKeyById(ckaId: string): Handle | null {
    const known = this.privateKeys.get(ckaId);
    if (known) return known;
    const found = this.find(ck.CKO_PRIVATE_KEY, Buffer.from(ckaId, 'hex'));
    if (found) this.privateKeys.set(ckaId, found);
    return found;
  }

  /** Forgets cached handles (a handle went stale: the key was deleted or the login lapsed). */
  forgetKeys(): void {
    this.privateKeys.clear();
  }

  find(cls: number, id: Buffer): Handle | null {
    try {
      return (
        findObjects(this.cryptoki, this.handle, [
          { type: ck.CKA_CLASS, value: cls },
          { type: ck.CKA_ID, value: id },
        ])[0] ?? null
      );
    } catch (e) {
      throw tokenRefusal(e, this.tokenName, 'search its objects');
    }
  }

  /**
   * RSA-OAEP (SHA-256, MGF1-SHA-256) decryption with the private key on the token. Where the
   * token's OAEP takes SHA-1 only, raw RSA runs on the token and the OAEP padding is removed
   * here: the key still never leaves. null when this key does not open the data.
   */
  decryptOaepSha256(privateKey: Handle, wrapped: Buffer, modulusBytes: number): Buffer | null {
    const route = oaepRoutes.get(this.modulePath) ?? 'native';
    if (route === 'native') {
      try {
        this.cryptoki.C_DecryptInit(
          this.handle,
          {
            mechanism: ck.CKM_RSA_PKCS_OAEP,
            parameter: OAEP_SHA256,
          },
          privateKey,
        );
      } catch (e) {
        const ckr = ckrName(e);
        if (ckr !== 'CKR_ARGUMENTS_BAD' && ckr !== 'CKR_MECHANISM_PARAM_INVALID' && ckr !== 'CKR_MECHANISM_INVALID')
          throw tokenRefusal(e, this.tokenName, 'decrypt with RSA-OAEP');
        if (!this.cryptoki.C_GetMechanismList(this.slot).includes(ck.CKM_RSA_X_509))
          throw tokenRefusal(e, this.tokenName, 'decrypt with RSA-OAEP (SHA-256)');
        oaepRoutes.set(this.modulePath, 'raw-rsa');
        return this.decryptOaepSha256(privateKey, wrapped, modulusBytes);
      }
      return this.decrypt(wrapped, modulusBytes);
    }
    try {
      this.cryptoki.C_DecryptInit(this.handle, { mechanism: ck.CKM_RSA_X_509 }, privateKey);
    } catch (e) {
      throw tokenRefusal(e, this.tokenName, 'decrypt with raw RSA');
    }
    const em = this.decrypt(wrapped, modulusBytes);
    if (!em) return null;
    try {
      return decodeOaepSha256(em, modulusBytes);
    } finally {
      em.fill(0);
    }
  }

  private decrypt(wrapped: Buffer, modulusBytes: number): Buffer | null {
    const out = Buffer.alloc(modulusBytes);
    try {
      return Buffer.from(this.cryptoki.C_Decrypt(this.handle, wrapped, out));
    } catch (e) {
      const ckr = ckrName(e);
      if (ckr === 'CKR_ENCRYPTED_DATA_INVALID' || ckr === 'CKR_ENCRYPTED_DATA_LEN_RANGE') return null;
      throw tokenRefusal(e, this.tokenName, 'decrypt the wrapped key');
    } finally {
      out.fill(0);
    }
  }
}
