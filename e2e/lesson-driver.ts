// Drives the lesson panel the way a student does (by its roles and names),
// shared by the lesson specs. Virtual time moves through the page's test API
// (advanceBy), never by sleeping, so the specs do not depend on machine speed.

import { expect, type Locator, type Page } from '@playwright/test';

export class LessonDriver {
  readonly root: Locator;

  /** `title` is the lesson's title: the panel is a region named by it. */
  constructor(readonly page: Page, title: string) {
    this.root = page.getByRole('region', { name: title });
  }

  /** The check whose text contains `text`. */
  check(text: string): Locator {
    return this.root.getByRole('list', { name: 'Checks' }).getByRole('listitem').filter({ hasText: text });
  }

  async advance(seconds: number): Promise<void> {
    await this.page.evaluate((us) => window.routeOptimizationLab!.advanceBy(us), Math.round(seconds * 1_000_000));
  }

  async expectStepDone(step: number): Promise<void> {
    await expect.poll(async () => (await this.page.evaluate(() => window.routeOptimizationLab!.lesson()!.states))[step], { timeout: 30_000 }).toBe('passed');
  }

  /** Picks a choice prediction and checks it; the feedback says it was right. */
  async choose(question: RegExp, answer: string): Promise<void> {
    await this.root.getByRole('radiogroup', { name: question }).getByRole('radio', { name: answer }).check();
    await this.root.getByRole('button', { name: 'Check my prediction' }).click();
    await expect(this.root.getByText(/^Right\./)).toBeVisible();
  }

  /** Types a number prediction and checks it; the feedback says it was right. */
  async predict(question: RegExp, value: string, unit: string): Promise<void> {
    await this.root.getByRole('spinbutton', { name: question }).fill(value);
    await this.root.getByRole('button', { name: 'Check my prediction' }).click();
    await expect(this.root.locator('.lesson-feedback')).toContainText(`Right. You predicted: ${value} ${unit}`);
  }

  async next(): Promise<void> {
    await this.root.getByRole('button', { name: 'Next step' }).click();
  }
}
