import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { isCustosError } from '../../../../src-main/contract/errors';

/** The store password of every fixture (see test/fixtures/keystore/README.md). */
export const FIXTURE_PASSWORD = 'fixture-pass';

const root = fileURLToPath(new URL('../../../fixtures/keystore/', import.meta.url));

export function goodFixture(name: string): Buffer {
  return readFileSync(`${root}good/${name}`);
}

export function brokenFixture(name: string): Buffer {
  return readFileSync(`${root}broken/${name}`);
}

/** Runs `step`, expects a CustosError with `code`, and checks no given secret leaked into its message. */
export function expectKeystoreError(step: () => unknown, code: string, secrets: readonly string[] = []): string {
  let caught: unknown;
  try {
    step();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${code}`).toBeDefined();
  if (!isCustosError(caught)) throw caught;
  expect(caught.code).toBe(code);
  for (const secret of secrets) expect(caught.message).not.toContain(secret);
  expect(caught.message).toMatch(/^[A-Z].*\.$/);
  return caught.message;
}
