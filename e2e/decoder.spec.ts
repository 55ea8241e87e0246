import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

// The Registration Request datagram of docs/protocol-notes.md §Test vectors, as a learner
// would paste it from Wireshark ("Copy as Hex Stream").
const RRQ_HEX =
  '4500004a000100000111ecee0a01000ac0a80201' +
  'c00001b20036978b' +
  '0100012c0a01000a0a010001c0a80201d5c1e2a012345678' +
  '2014000001007055' + '55e8c622fa19b36b51463763fbf9';

test.describe('packet decoder', () => {
  test('a learner pastes a captured Registration Request and explores its bytes', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));

    await test.step('open the lab from its sub-path', async () => {
      await page.goto('./#/decoder');
      await expect(page.getByRole('heading', { name: 'Route Optimization Lab — packet decoder', level: 1 })).toBeVisible();
    });

    await test.step('paste the packet', async () => {
      await page.getByLabel('Packet bytes (hex)').fill(RRQ_HEX);
      const tree = page.getByRole('tree', { name: 'Decoded packet' });
      await expect(tree).toContainText('Internet Protocol Version 4');
      await expect(tree).toContainText('User Datagram Protocol');
      await expect(tree).toContainText('Registration Request');
      await expect(tree).toContainText('Mobile-Home Authentication');
    });

    await test.step('select the Care-of Address field and see its four bytes lit', async () => {
      await page.getByRole('button', { name: /^Care-of Address: 192\.168\.2\.1/ }).click();
      const lit = page.getByRole('button', { name: /^byte \d+: [0-9a-f]{2}$/, pressed: true });
      await expect(lit).toHaveCount(4);
      await expect(lit.first()).toHaveAttribute('data-offset', '40'); // 20 IP + 8 UDP + 12
    });

    await test.step('click a byte of the Lifetime and the tree selects the Lifetime field', async () => {
      await page.getByRole('button', { name: 'byte 30: 01' }).click();
      await expect(page.getByRole('treeitem', { selected: true })).toContainText('Lifetime');
    });

    expect(problems).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/decoder-registration-request.png', fullPage: true });
  });

  test('malformed input gets a clear message, not a blank page', async ({ page }) => {
    await page.goto('./#/decoder');
    await page.getByLabel('Packet bytes (hex)').fill('45 00 00 4a 00 01');
    await expect(page.getByRole('alert')).toContainText('Malformed packet');
    await expect(page.getByRole('alert')).toContainText('IPv4');
    await page.getByLabel('Packet bytes (hex)').fill('45 zz');
    await expect(page.getByRole('alert')).toContainText('not a hex digit');
  });

  test('every sample message decodes', async ({ page }) => {
    await page.goto('./#/decoder');
    const picker = page.getByLabel('Sample message');
    await expect(picker).toBeVisible(); // the decoder page is fetched on demand: wait for it before reading its options
    const names = (await picker.locator('option').allTextContents()).filter((n) => !n.startsWith('Choose'));
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) {
      await picker.selectOption({ label: name });
      await expect(page.getByRole('tree', { name: 'Decoded packet' }), name).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
    }
  });

  test('has no accessibility violations', async ({ page }) => {
    await page.goto('./#/decoder');
    await page.getByLabel('Packet bytes (hex)').fill(RRQ_HEX);
    await expect(page.getByRole('tree', { name: 'Decoded packet' })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.html).join(' | ')}`)).toEqual([]);
  });
});
