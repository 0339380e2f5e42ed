// Driving an EntryPicker (src-renderer/components/EntryPicker.tsx) as a custodian does: open it,
// type part of the label, then pick the entry from the matches listed under the field.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Picks the entry labelled `entry` in the picker named `picker` (its field's label). */
export async function pickEntry(scope: Page | Locator, picker: string, entry: string): Promise<void> {
  const field = scope.getByRole('combobox', { name: picker });
  const list = scope.getByRole('listbox', { name: picker });
  await typeAndPick(field, list, entry);
  expect(await field.inputValue()).toBe(entry);
}

/**
 * Adds the entry labelled `entry` with the ChosenEntries picker named `picker`: picks it as
 * pickEntry does, then waits for it in the chosen list under the field (the field empties).
 */
export async function addEntry(scope: Page | Locator, picker: string, entry: string): Promise<void> {
  const field = scope.getByRole('combobox', { name: picker });
  const list = scope.getByRole('listbox', { name: picker });
  await typeAndPick(field, list, entry);
  await scope
    .getByRole('list', { name: `${picker}: chosen` })
    .getByText(entry, { exact: true })
    .waitFor();
  expect(await field.inputValue()).toBe('');
}

/**
 * Types `entry` into an open picker and clicks it once main's answer to what was typed is listed.
 * The answer to the empty query is on screen first; clicked then, the list can change under the
 * pointer (the row moves or the list shrinks) and the click lands beside the entry.
 */
async function typeAndPick(field: Locator, list: Locator, entry: string): Promise<void> {
  await field.click();
  await list.waitFor();
  await field.fill(entry);
  const typed = entry.toLowerCase();
  await expect
    .poll(async () => {
      const shown = await list.getByRole('option').allTextContents();
      return shown.length > 0 && shown.every((o) => o === 'None' || o.toLowerCase().includes(typed));
    })
    .toBe(true);
  // The label alone, or followed by one note in brackets ("(partner site)"): "A (2) (secret-key)" is not "A".
  const exact = new RegExp(`^${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\([^()]*\\))?$`);
  await list.getByRole('option', { name: exact }).click();
}
