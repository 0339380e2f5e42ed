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
