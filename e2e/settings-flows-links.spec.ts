// The Settings tab names what a learner sees and lets them stop a flow
// (docs/lessons.md "Reference actions"): the link picker shows the links as
// the network does — never the scenario file's ids — and the correspondent's
// settings hold its traffic flow with a "Stop this flow" button, whose
// command the command log lists; after it, no datagram of the flow leaves.

import { expect, test } from '@playwright/test';
import { LabPage } from './lab-page';

test('links by their names, and the correspondent\'s flow stopped from its settings', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('?scenario=route-optimization&mode=in-page');
  await page.evaluate(() => window.routeOptimizationLab!.advanceBy(3_000_000));

  await test.step('the link picker offers the links\' names, not their ids', async () => {
    await lab.tab('Settings');
    await lab.sidePanel.getByRole('button', { name: /^Correspondent/ }).click(); // the tab's node picker: on the canvas a packet may lie over CN
    const options = await lab.sidePanel.getByRole('combobox', { name: 'Link' }).locator('option').allTextContents();
    expect(options).toContain('FA1 cell 192.168.2.0/24');
    expect(options).toContain('link HA – R');
    for (const o of options) expect(o).not.toMatch(/ha-r|fa1-r|fa2-r|cn-lan|cell1|cell2/);
  });

  await test.step('"Stop this flow" stops the correspondent\'s datagrams and is logged', async () => {
    const flows = lab.sidePanel.getByRole('region', { name: 'Traffic flows' });
    await expect(flows).toContainText('cn-to-mn to 10.1.0.10, one datagram every 500 ms: sending until 28.000 s');
    await flows.getByRole('button', { name: 'Stop this flow: cn-to-mn' }).click();
    await expect(flows).toContainText('stopped at 3.000 s');
    await expect(flows.getByRole('button', { name: /Stop this flow/ })).toHaveCount(0);
    await expect(lab.sidePanel.getByRole('list', { name: 'Commands sent' })).toContainText('CN: stopped flow cn-to-mn');
    const sentBefore = await page.evaluate(async () => (await window.routeOptimizationLab!.exportTraceJsonLines()).split('\n').filter((l) => l.includes('"node":"CN"') && l.includes('"kind":"sent"')).length);
    expect(sentBefore).toBeGreaterThanOrEqual(2); // datagrams at 2 s and 2.5 s: the count is real
    await page.evaluate(() => window.routeOptimizationLab!.advanceBy(2_000_000));
    const sentAfter = await page.evaluate(async () => (await window.routeOptimizationLab!.exportTraceJsonLines()).split('\n').filter((l) => l.includes('"node":"CN"') && l.includes('"kind":"sent"')).length);
    expect(sentAfter).toBe(sentBefore);
  });
});
