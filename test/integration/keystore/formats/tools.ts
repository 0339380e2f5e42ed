import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a tool without a shell; never throws on a non-zero exit, the caller checks `code`. */
export function run(command: string, args: readonly string[], cwd: string): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
    // keytool prompts for what it lacks; an immediate end of input makes it fail instead of wait.
    child.stdin?.end();
  });
}

/** Runs and insists on success, showing the tool's own words when it fails. */
export async function must(command: string, args: readonly string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export const keytool = (cwd: string, ...args: string[]): Promise<string> => must('keytool', args, cwd);
export const openssl = (cwd: string, ...args: string[]): Promise<string> => must('openssl', args, cwd);

export interface ListedEntry {
  readonly alias: string;
  readonly type: 'PrivateKeyEntry' | 'trustedCertEntry' | 'SecretKeyEntry';
  /** SHA-256 fingerprints as keytool prints them, chain order for key pairs. */
  readonly fingerprints: string[];
}

/** Parses `keytool -list -v` into entries. */
export async function keytoolList(
  cwd: string,
  file: string,
  storeType: string,
  storePassword: string,
): Promise<ListedEntry[]> {
  const out = await keytool(
    cwd,
    '-list',
    '-v',
    '-keystore',
    file,
    '-storetype',
    storeType,
    '-storepass',
    storePassword,
  );
  const entries: ListedEntry[] = [];
  for (const block of out.split(/^\*{43}$/m)) {
    const alias = /^Alias name: (.*)$/m.exec(block)?.[1];
    const type = /^Entry type: (PrivateKeyEntry|trustedCertEntry|SecretKeyEntry)$/m.exec(block)?.[1];
    if (alias === undefined || (type !== 'PrivateKeyEntry' && type !== 'trustedCertEntry' && type !== 'SecretKeyEntry'))
      continue;
    entries.push({
      alias,
      type,
      fingerprints: [...block.matchAll(/^\s+SHA256: ([0-9A-F:]+)$/gm)].map((m) => m[1] ?? ''),
    });
  }
  return entries.sort((a, b) => a.alias.localeCompare(b.alias));
}

/** SHA-256 fingerprint of a certificate file as OpenSSL prints it. */
export async function opensslFingerprint(cwd: string, file: string, inform: 'PEM' | 'DER'): Promise<string> {
  const out = await openssl(cwd, 'x509', '-inform', inform, '-in', file, '-noout', '-fingerprint', '-sha256');
  return out.trim().replace(/^.*=/, '');
}

/**
 * A Java program that opens keystores through java.security.KeyStore — the API keytool and
 * every Java key server use — and prints each entry: key bytes for secret keys, PKCS#8 for
 * private keys, fingerprints for certificates. Keys are throwaway test keys.
 */
const KEYSTORE_DUMP = `
import java.io.FileInputStream;
import java.security.*;
import java.security.cert.Certificate;
import java.util.*;

public class KeystoreDump {
  public static void main(String[] args) throws Exception {
    // each argument: type|file|storePassword|alias=keyPassword,alias=keyPassword
    for (String spec : args) {
      String[] p = spec.split("\\\\|", -1);
      KeyStore ks = KeyStore.getInstance(p[0]);
      try (FileInputStream in = new FileInputStream(p[1])) { ks.load(in, p[2].toCharArray()); }
      Map<String, String> keyPasswords = new HashMap<>();
      if (p.length > 3 && !p[3].isEmpty()) for (String kv : p[3].split(",")) { String[] a = kv.split("=", 2); keyPasswords.put(a[0], a[1]); }
      List<String> aliases = Collections.list(ks.aliases());
      Collections.sort(aliases);
      for (String alias : aliases) {
        if (ks.isKeyEntry(alias)) {
          Key key = ks.getKey(alias, keyPasswords.getOrDefault(alias, p[2]).toCharArray());
          String kind = key instanceof PrivateKey ? "private" : "secret";
          StringBuilder line = new StringBuilder(String.join("\\t", p[1], alias, kind, key.getAlgorithm(), HexFormat.of().formatHex(key.getEncoded())));
          Certificate[] chain = ks.getCertificateChain(alias);
          if (chain != null) for (Certificate c : chain) line.append("\\t").append(fingerprint(c));
          System.out.println(line);
        } else {
          System.out.println(String.join("\\t", p[1], alias, "trusted", "-", "-", fingerprint(ks.getCertificate(alias))));
        }
      }
    }
  }

  static String fingerprint(Certificate c) throws Exception {
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
  }
}
`;

export interface DumpedEntry {
  readonly file: string;
  readonly alias: string;
  readonly kind: 'private' | 'secret' | 'trusted';
  readonly algorithm: string;
  readonly keyHex: string;
  readonly fingerprints: string[];
}

export interface DumpRequest {
  readonly type: 'PKCS12' | 'JKS' | 'JCEKS';
  readonly file: string;
  readonly storePassword: string;
  readonly keyPasswords?: Readonly<Record<string, string>>;
}

/** Opens every requested keystore in one JVM and returns what Java sees. */
export async function javaDump(cwd: string, requests: readonly DumpRequest[]): Promise<DumpedEntry[]> {
  writeFileSync(join(cwd, 'KeystoreDump.java'), KEYSTORE_DUMP);
  const args = requests.map((r) =>
    [
      r.type,
      r.file,
      r.storePassword,
      Object.entries(r.keyPasswords ?? {})
        .map(([a, p]) => `${a}=${p}`)
        .join(','),
    ].join('|'),
  );
  const out = await must('java', ['KeystoreDump.java', ...args], cwd);
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const [file = '', alias = '', kind = '', algorithm = '', keyHex = '', ...fingerprints] = line.split('\t');
      if (kind !== 'private' && kind !== 'secret' && kind !== 'trusted') throw new Error(`unexpected line ${line}`);
      return { file, alias, kind, algorithm, keyHex, fingerprints };
    });
}
