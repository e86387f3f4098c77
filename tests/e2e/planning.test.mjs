// The Planning page on the demo company: the tier-migration matrix (every cell opens exactly
// its customers), the budget by tier (edited, checked, saved, still there after a reload) and
// the customer-perceived value sheet (ratings and weights per segment, saved per workspace).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, demoContext, open, screenshot, watchErrors, chartReady, shownCount, VIEWPORTS } from "./support.mjs";

let browser;
let context;
before(async () => {
  browser = await launch();
  // One context with the demo loaded serves every test.
  context = await demoContext(browser);
});
after(async () => {
  await context?.close();
  await browser?.close();
});

const number = (text) => Number(text.replace(/[^\d]/g, ""));

const shown = shownCount;

async function planning(page) {
  await open(page, "/planning");
  await chartReady(page, "chart-migration");
}

test("tier migration: the matrix adds up and each cell opens exactly its customers", async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await planning(page);
  await screenshot(page, "laptop-planning");
  const numbers = page.locator('figure[data-testid="chart-migration"] details');
  if (!(await numbers.evaluate((el) => el.open))) await numbers.locator("summary").click();
  await page.waitForSelector('figure[data-testid="chart-migration"] [data-testid="chart-table"] tbody tr');
  const matrix = await page.$$eval('figure[data-testid="chart-migration"] [data-testid="chart-table"] tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll("td")].map((td) => Number(td.textContent.replace(/[^\d]/g, "")))));
  assert.equal(matrix.length, 4);
  assert.ok(matrix.every((row) => row.length === 4));
  // Moved up: below the diagonal (rows are the previous tier, gold first).
  const up = matrix.reduce((s, row, r) => s + row.slice(0, r).reduce((a, b) => a + b, 0), 0);
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  const upText = await page.textContent('[data-testid="migration-up"]');
  assert.match(upText, new RegExp(`${up.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`));
  assert.ok(up > 0, "the demo has customers who moved up");

  // Lead a window ago, iron now.
  const leadToIron = matrix[3][2];
  assert.ok(leadToIron > 0);
  await page.locator('figure[data-testid="chart-migration"] [data-testid="chart-table"] tbody tr').nth(3).locator("td").nth(2).locator(".chart-table__link").click();
  await page.waitForURL((url) => url.searchParams.get("previous_tier") === "lead" && url.searchParams.get("tier") === "iron");
  assert.equal(await shown(page), leadToIron);
  assert.equal(await page.inputValue('[data-testid="filter-previous-tier"]'), "lead", "the filter is visible on the Customers page");
  assert.deepEqual(errors, []);
  await page.close();
});

test("budget by tier: edit, refuse a typing mistake, save, reload", async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await planning(page);
  const gold = '[data-testid="spend-gold"]';
  assert.equal(await page.inputValue(gold), "3", "3 per high-value customer by default");
  assert.equal(await page.inputValue('[data-testid="spend-lead"]'), "1");
  const customers = number(await page.textContent('[data-testid="budget-row-gold"] [data-testid="budget-customers"]'));
  const grand = number(await page.textContent('[data-testid="budget-grand-total"]'));

  await page.fill(gold, "abc");
  await page.waitForSelector('[data-testid="budget-row-gold"] .field__error');
  assert.equal((await page.textContent('[data-testid="budget-row-gold"] [data-testid="budget-total"]')).trim(), "—");
  await page.click('[data-testid="save-budget"]');
  await page.waitForSelector('[data-testid="budget-status"][role="alert"]');

  await page.fill(gold, "5.50");
  assert.equal(number(await page.textContent('[data-testid="budget-row-gold"] [data-testid="budget-total"]')), customers * 550);
  assert.equal(number(await page.textContent('[data-testid="budget-grand-total"]')), grand + customers * 250);
  await page.click('[data-testid="save-budget"]');
  await page.waitForSelector('[data-testid="budget-status"][role="status"]');

  await planning(page);
  await page.waitForFunction((sel) => document.querySelector(sel)?.value === "5.5", gold, { timeout: 30000 });
  assert.equal(number(await page.textContent('[data-testid="budget-grand-total"]')), grand + customers * 250);
  await page.click('[data-testid="budget-defaults"]');
  assert.equal(await page.inputValue(gold), "3");
  await page.click('[data-testid="save-budget"]');
  await page.waitForSelector('[data-testid="budget-status"][role="status"]');
  assert.deepEqual(errors, []);
  await page.close();
});

test("perceived value: ratings and weights per segment, the benefit, saved across a reload", async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await planning(page);
  const segments = await page.locator('[data-testid="pv-segment"]').count();
  assert.ok(segments >= 2, "the demo has several segments");
  const name = (await page.locator('[data-testid="pv-segment-link"]').nth(1).textContent()).trim();
  // Equal weights: 8 + 5 + 5 − 5 − 5 = 8.
  await page.fill('[data-testid="pv-1-rating-u"]', "8");
  assert.equal(await page.textContent('[data-testid="pv-1-benefit"]'), "8.0");
  // Business buyers: 1.5·8 + 0.5·5 + 1·5 − 1.5·5 − 1.5·5 = 4.5.
  await page.selectOption('[data-testid="pv-1-preset"]', "business");
  assert.equal(await page.textContent('[data-testid="pv-1-benefit"]'), "4.5");
  // Out of the scale: a sentence, no benefit.
  await page.fill('[data-testid="pv-1-rating-t"]', "12");
  await page.waitForSelector('[data-testid="pv-segment"]:nth-child(2) .pv-problems li');
  assert.equal(await page.textContent('[data-testid="pv-1-benefit"]'), "—");
  await page.fill('[data-testid="pv-1-rating-t"]', "5");
  // The summary ranks it last: the other segments stand at a neutral 5.0.
  const last = await page.locator('[data-testid="pv-summary-row"]').last().textContent();
  assert.ok(last.includes(name) && last.includes("4.5"), last);
  await page.click('[data-testid="save-values"]');
  await page.waitForSelector('[data-testid="values-status"][role="status"]');
  await screenshot(page, "laptop-planning-values");

  await planning(page);
  await page.waitForFunction(() => document.querySelector('[data-testid="pv-1-rating-u"]')?.value === "8", null, { timeout: 30000 });
  assert.equal(await page.textContent('[data-testid="pv-1-benefit"]'), "4.5");
  assert.equal(await page.inputValue('[data-testid="pv-1-weight-u"]'), "1.5");
  assert.deepEqual(errors, []);
  await page.close();
});

test("phone width: the Planning page fits without horizontal scrolling", async () => {
  const page = await context.newPage();
  await page.setViewportSize(VIEWPORTS.phone);
  await planning(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`);
  await screenshot(page, "phone-planning");
  await page.close();
});
