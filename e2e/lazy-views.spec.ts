// The lab's secondary views are fetched on demand (src/ui/app/lazy-view.tsx). When
// one cannot arrive — offline before the lab was cached, or a deploy that replaced
// its files — the learner reads which view is missing and gets a Reload button;
// the rest of the lab keeps running. Never a blank panel, never a stack trace.

import { expect, test } from '@playwright/test';
import { LabPage } from './lab-page';

test('a view whose code cannot be fetched says so and offers a reload, while the lab runs on', async ({ page }) => {
  await page.route(/\/assets\/LadderDiagram-[^/]*\.js$/, (route) => route.abort('internetdisconnected'));
  const lab = new LabPage(page);
  await lab.open('?scenario=route-optimization&mode=in-page');
  await lab.tab('Ladder diagram');
  const panel = page.getByRole('tabpanel', { name: 'Ladder diagram' });
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('The ladder diagram could not be loaded');
  await expect(alert).not.toContainText('at http');
  await expect(alert.getByRole('button', { name: 'Reload the lab' })).toBeVisible();

  // The views that did load still work.
  await lab.tab('Statistics');
  await expect(page.getByTestId('stats-summary')).toBeVisible();
  await lab.tab('Packets');
  await expect(lab.packetList).toBeVisible();
});

test('the first load carries the lab only: the secondary views arrive when first drawn', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => { const m = /\/assets\/([A-Za-z]+)-[^/]*\.js$/.exec(r.url()); if (m !== null) fetched.push(m[1]!); });
  const lab = new LabPage(page);
  await lab.open('?scenario=route-optimization&mode=in-page');
  // Not opened: the pages besides the lab, the lesson content, and the tabs not yet chosen.
  for (const view of ['ReferencesPage', 'CoursePage', 'ComparePage', 'CapturePage', 'PacketDecoder', 'LessonPanel', 'LessonList']) expect(fetched).not.toContain(view);
  for (const view of ['KeyExchangePanel', 'NodeSettings', 'LadderDiagram', 'StatisticsPanel']) expect(fetched).not.toContain(view);
  await lab.tab('Ladder diagram');
  await expect.poll(() => fetched).toContain('LadderDiagram');
  expect(fetched).not.toContain('StatisticsPanel');
  await page.getByRole('link', { name: 'Packet decoder' }).click();
  await expect(page.getByLabel('Sample message')).toBeVisible();
  expect(fetched).toContain('PacketDecoder');
});
