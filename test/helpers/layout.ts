import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

interface Overflow {
  what: string;
  scrollWidth: number;
  clientWidth: number;
}

/**
 * Nothing on the page scrolls sideways: the document, <main>, the screen's own scroll area, each
 * open dialog (and its scrolling parts), plus `within` when given, all have scrollWidth <=
 * clientWidth + 1. <main> itself never scrolls at all (the screen scrolls inside it, under its
 * header). The failure names each element that overflows and by how much. `within` a dialog
 * (a Locator): also no select or input cut off at its right edge.
 */
export async function expectNoHorizontalOverflow(page: Page, within?: string | Locator): Promise<void> {
  const selector = typeof within === 'string' ? within : undefined;
  const found = await page.evaluate((extra) => {
    const out: { what: string; scrollWidth: number; clientWidth: number }[] = [];
    const check = (el: Element | null, what: string) => {
      if (!el) return;
      if (el.scrollWidth > el.clientWidth + 1)
        out.push({ what, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth });
    };
    check(document.documentElement, 'document');
    check(document.querySelector('main'), 'main');
    check(document.querySelector('main .screen'), 'main .screen');
    document.querySelectorAll('dialog[open]').forEach((d, i) => {
      const name = d.getAttribute('aria-label') ?? `dialog ${i}`;
      check(d, `dialog "${name}"`);
      d.querySelectorAll('.dialog-body, .wizard-body').forEach((part) =>
        check(part, `dialog "${name}" ${part.className}`),
      );
    });
    if (extra) document.querySelectorAll(extra).forEach((el, i) => check(el, `${extra} #${i}`));
    const main = document.querySelector('main');
    if (main && main.scrollHeight > main.clientHeight + 1)
      out.push({ what: 'main (vertical)', scrollWidth: main.scrollHeight, clientWidth: main.clientHeight });
    return out;
  }, selector ?? null);
  expect(found as Overflow[]).toEqual([]);
  if (within !== undefined && typeof within !== 'string') await expectControlsInside(within);
}

/** The dialog does not scroll sideways, and none of its selects or inputs reaches past its right edge. */
async function expectControlsInside(dialog: Locator): Promise<void> {
  const box = await dialog.evaluate((d) => ({
    scroll: d.scrollWidth,
    client: d.clientWidth,
    right: d.getBoundingClientRect().right,
    controls: [...d.querySelectorAll('select, input')].map((c) => ({
      what: `${c.tagName.toLowerCase()}${c.getAttribute('aria-label') ? ` "${c.getAttribute('aria-label')}"` : ''}`,
      right: c.getBoundingClientRect().right,
    })),
  }));
  expect(box.scroll).toBeLessThanOrEqual(box.client + 1);
  expect(box.controls.filter((c) => c.right > box.right)).toEqual([]);
}

/**
 * As expectNoHorizontalOverflow, at the smallest supported window (1280x800) whatever size the
 * test runs at; the page goes back to its size afterwards.
 */
export async function expectFitsAt1280(page: Page, within?: string | Locator): Promise<void> {
  const original = page.viewportSize();
  const small = VIEWPORTS[0];
  const resize = !!original && (original.width !== small.width || original.height !== small.height);
  if (resize) await page.setViewportSize(small);
  try {
    await expectNoHorizontalOverflow(page, within);
  } finally {
    if (resize && original) await page.setViewportSize(original);
  }
}

export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
export const SCHEMES = ['light', 'dark'] as const;

/** A screenshot of the page as it is now in each theme and each viewport, overflow checked in each. */
export async function photographMatrix(page: Page, dir: string, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await expectNoHorizontalOverflow(page);
      await page.screenshot({ path: join(dir, `${name}-${colorScheme}-${viewport.width}x${viewport.height}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (original) await page.setViewportSize(original);
}
