// Driving an EntryPicker (src-renderer/components/EntryPicker.tsx) as a custodian does: open it,
// type part of the label, then pick the entry from the matches listed under the field.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Picks the entry labelled `entry` in the picker named `picker` (its field's label). */
export async function pickEntry(scope: Page | Locator, picker: string, entry: string): Promise<void> {
  const field = scope.getByRole('combobox', { name: picker });
  const list = scope.getByRole('listbox', { name: picker });
  await field.click();
  await list.waitFor();
  await field.fill(entry);
  const exact = new RegExp(`^${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(.*\\))?$`);
  await list.getByRole('option', { name: exact }).click();
  expect(await field.inputValue()).toBe(entry);
}

/**
 * Adds the entry labelled `entry` with the ChosenEntries picker named `picker`: picks it as
 * pickEntry does, then waits for it in the chosen list under the field (the field empties).
 */
export async function addEntry(scope: Page | Locator, picker: string, entry: string): Promise<void> {
  const field = scope.getByRole('combobox', { name: picker });
  const list = scope.getByRole('listbox', { name: picker });
  await field.click();
  await list.waitFor();
  await field.fill(entry);
  const exact = new RegExp(`^${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(.*\\))?$`);
  await list.getByRole('option', { name: exact }).click();
  await scope
    .getByRole('list', { name: `${picker}: chosen` })
    .getByText(entry, { exact: true })
    .waitFor();
  expect(await field.inputValue()).toBe('');
}
