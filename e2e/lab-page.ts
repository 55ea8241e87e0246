// A page object for the lab (docs/architecture.md "Examples we follow": tldraw's e2e): every element found by
// role and accessible name, the way a learner (or a screen reader) finds it.

import { expect, type Locator, type Page } from '@playwright/test';

/** Scenario coordinates of the explore network (src/scenarios/builtin/explore.json). */
export const FA1_X = 540;
export const FA2_X = 780;

export class LabPage {
  readonly playback: Locator;
  readonly status: Locator;
  readonly pathBanner: Locator;
  readonly packetList: Locator;
  readonly sidePanel: Locator;

  constructor(readonly page: Page) {
    this.playback = page.getByRole('group', { name: 'Playback' });
    this.status = this.playback.getByRole('status');
    this.pathBanner = page.locator('.canvas-path-text');
    this.packetList = page.getByRole('grid', { name: 'Packet list' });
    this.sidePanel = page.getByRole('complementary', { name: 'Node details' });
  }

  async open(query: string): Promise<void> {
    await this.page.goto(`./${query}`);
    await expect(this.status).toHaveText('Paused', { timeout: 30_000 });
  }

  node(id: string): Locator {
    return this.page.getByRole('button', { name: id, exact: true });
  }

  async setSpeed(label: string): Promise<void> {
    await this.page.getByLabel('Speed').selectOption({ label });
  }

  async centre(locator: Locator): Promise<{ x: number; y: number }> {
    const box = (await locator.boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** Screen pixels per scenario unit, from where FA1 and FA2 are drawn. */
  async scale(): Promise<number> {
    const [fa1, fa2] = [await this.centre(this.node('FA1')), await this.centre(this.node('FA2'))];
    return (fa2.x - fa1.x) / (FA2_X - FA1_X);
  }

  /** Filters the packet list by text and returns the visible rows. */
  async packetRows(text: string): Promise<Locator> {
    await this.page.getByRole('searchbox').fill(text);
    return this.packetList.getByRole('row').filter({ hasNotText: 'Protocol' });
  }

  async tab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  async virtualTime(): Promise<number> {
    return this.page.evaluate(() => window.routeOptimizationLab!.summary().now);
  }
}
