// The lab's header on the screens a class uses: at 1280×720 (a projector) and
// 1024×768 (an old laptop), in normal and presentation mode, with and without a
// lesson open, no two of its controls overlap and none is cut off by the edge
// of the window or of the header. The header wraps rather than overlaps (lab.css).
// Screenshots of the header go to test-results/screenshots/header-*.png,
// at 1920×1080 too.

import { expect, test, type Page } from '@playwright/test';
import { intersects, type Box } from './readability';

const SHOTS = 'test-results/screenshots';

test.describe.configure({ timeout: 180_000 });

interface Placed extends Box { readonly what: string }

/**
 * Every visible control of the header and every piece of text a learner reads there, with its
 * box. The seek bar counts as one control: its markers are drawn on it by design.
 */
function headerControls(page: Page): Promise<{ header: Box; viewport: { width: number; height: number }; controls: Placed[] }> {
  return page.evaluate(() => {
    const header = document.querySelector('.lab-header')!;
    const selector = 'h1, button, a, select, summary, input:not([type="file"]), label, [role="status"], .playback-time, .seek';
    const found = [...header.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      if (el.closest('.seek') !== null && !el.classList.contains('seek')) return false;
      if (el.matches('[role="status"]') && (el.textContent ?? '').trim() === '') return false; // an empty live region draws nothing
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      // Visually hidden (the title in presentation mode, screen-reader-only text) is not drawn.
      return style.visibility !== 'hidden' && r.width > 2 && r.height > 2 && !el.closest('.sr-only');
    });
    const describe = (el: HTMLElement): string => {
      const text = el instanceof HTMLSelectElement ? el.selectedOptions[0]?.text ?? '' : el.textContent ?? '';
      const name = el.getAttribute('aria-label') ?? text.replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${el.className === '' ? '' : `.${String(el.className).split(' ')[0]}`} "${name}"`;
    };
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return {
      header: box(header),
      viewport: { width: document.documentElement.clientWidth, height: window.innerHeight },
      controls: found.map((el) => ({ what: describe(el), ...box(el), nested: found.some((o) => o !== el && el.contains(o)) }))
        // A label wraps its own select or checkbox: the pair is one control, measured by its parts.
        .filter((c) => !c.nested)
        .map(({ nested: _nested, ...c }) => c),
    };
  });
}

/** Boxes that only touch, or share under half a pixel of rounding, do not overlap. */
function overlap(a: Box, b: Box): boolean {
  const shrink = (r: Box): Box => ({ x: r.x + 0.5, y: r.y + 0.5, width: r.width - 1, height: r.height - 1 });
  return intersects(shrink(a), shrink(b));
}

async function open(page: Page, query: string, presentation: boolean): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.locator('.canvas-node').first()).toBeVisible({ timeout: 30_000 });
  const toggle = page.getByRole('button', { name: 'Presentation mode' });
  if ((await toggle.getAttribute('aria-pressed')) !== String(presentation)) await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', String(presentation));
}

async function expectTidyHeader(page: Page, name: string): Promise<void> {
  const { header, viewport, controls } = await headerControls(page);
  // What a student must find in the header at any size: a missing one would pass the checks below vacuously.
  const names = controls.map((c) => c.what).join(' | ');
  for (const needed of ['"Lessons"', '"Course"', '"Share run"', '"Save capture"', '"Open capture"', '"References"', 'seek']) {
    expect(names, `${name}: ${needed} in the header`).toContain(needed);
  }
  expect(controls.length).toBeGreaterThan(12);
  const clipped = controls.filter((c) => c.x < 0 || c.y < 0 || c.x + c.width > viewport.width + 0.5
    || c.x < header.x - 0.5 || c.x + c.width > header.x + header.width + 0.5 || c.y < header.y - 0.5 || c.y + c.height > header.y + header.height + 0.5);
  expect(clipped.map((c) => c.what), `${name}: controls cut off`).toEqual([]);
  const overlapping: string[] = [];
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      if (overlap(controls[i]!, controls[j]!)) overlapping.push(`${controls[i]!.what} × ${controls[j]!.what}`);
    }
  }
  expect(overlapping, `${name}: overlapping controls`).toEqual([]);
  // The header must leave the network most of the screen.
  expect(header.height, `${name}: header height`).toBeLessThan(viewport.height * 0.3);
}

/** A lecture's link (docs/lessons.md): base64url of the playlist's JSON, assembled here by hand. */
const LECTURE = Buffer.from(JSON.stringify({ v: 1, t: 'Week 3', i: [{ l: 'triangle-routing' }, { l: 'binding-cache' }] }), 'utf8').toString('base64url');

const CASES = [
  { what: 'free', query: '?scenario=explore&mode=workers' },
  { what: 'lesson', query: '?lesson=triangle-routing&mode=workers' },
  // A lecture adds its bar to the header.
  { what: 'lecture', query: `?playlist=${LECTURE}&mode=workers` },
] as const;

for (const [width, height] of [[1280, 720], [1024, 768]] as const) {
  test(`at ${width}×${height} no header control overlaps another or is cut off, in normal and presentation mode`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    for (const { what, query } of CASES) {
      for (const presentation of [false, true]) {
        const name = `header-${width}x${height}-${what}${presentation ? '-presentation' : ''}`;
        await test.step(name, async () => {
          await open(page, query, presentation);
          if (what === 'lecture') await expect(page.getByRole('navigation', { name: 'Lecture' })).toContainText('Item 1 of 2');
          await page.locator('.lab-header').screenshot({ path: `${SHOTS}/${name}.png` });
          await expectTidyHeader(page, name);
        });
      }
    }
    await test.step('with the packet-list filter on, Save capture offers "filtered only" and still nothing overlaps', async () => {
      await open(page, CASES[1].query, false);
      await page.getByRole('searchbox').fill('Registration');
      await expect(page.getByRole('checkbox', { name: 'filtered only' })).toBeVisible();
      await page.locator('.lab-header').screenshot({ path: `${SHOTS}/header-${width}x${height}-filtered.png` });
      await expectTidyHeader(page, `${width}×${height} filtered`);
    });
  });
}

test('at 1920×1080 the header keeps to one row of actions (screenshots)', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  for (const presentation of [false, true]) {
    await open(page, CASES[1].query, presentation);
    await page.locator('.lab-header').screenshot({ path: `${SHOTS}/header-1920x1080-lesson${presentation ? '-presentation' : ''}.png` });
    await expectTidyHeader(page, `1920×1080${presentation ? ' presentation' : ''}`);
  }
  await open(page, CASES[1].query, false);
  const lessons = await page.getByRole('button', { name: 'Lessons', exact: true }).boundingBox();
  const scenario = await page.getByRole('combobox', { name: 'Scenario' }).boundingBox();
  expect(Math.abs(lessons!.y + lessons!.height / 2 - (scenario!.y + scenario!.height / 2))).toBeLessThan(12);
});
