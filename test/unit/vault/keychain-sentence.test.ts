import { describe, expect, it } from 'vitest';
import { NO_KEYCHAIN, osKeychain } from '../../../src-main/services/vault/keychain';

describe('a computer without a keychain service', () => {
  // The test machines run no Secret Service: the real library answers with a D-Bus error.
  const lines: string[] = [];
  const reason = osKeychain((line) => lines.push(line)).unavailableReason();

  it.skipIf(reason === null)('says so in a plain sentence; the OS detail goes to the log only', () => {
    expect(reason).toBe(NO_KEYCHAIN);
    expect(reason).not.toMatch(/dbus|org\.freedesktop|platform/i);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^no usable OS keychain: \S/);
  });
});
