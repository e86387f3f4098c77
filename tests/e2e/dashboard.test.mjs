// The Dashboard on the demo company: KPIs, both quadrants (every cell populated, every cell
// opening exactly its customers), the pyramid, the whale curve whose peak exceeds 100%, and
// a settings change that recomputes what the page shows; laptop and phone widths.
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

const ready = chartReady;
const shown = shownCount;
const number = (text) => Number(text.replace(/[^\d]/g, ""));

async function dashboard(page) {
  await open(page, "/");
  await page.waitForSelector('[data-testid="kpis"]', { timeout: 60000 });
  for (const figure of ["current-scatter", "future-scatter", "whale-chart"]) await ready(page, figure);
}

const cellCounts = (page, grid) =>
  page.$$eval(`[data-testid="${grid}"] [data-testid="quadrant-count"]`, (els) => els.map((e) => Number(e.textContent.replace(/[^\d]/g, ""))));

test("every quadrant cell is populated and opens exactly its customers", async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await dashboard(page);
  const current = await cellCounts(page, "current-quadrant");
  const future = await cellCounts(page, "future-quadrant");
  assert.equal(current.length, 4);
  assert.equal(future.length, 4);
  assert.ok(current.every((n) => n > 0), `all four current cells have customers: ${current}`);
  assert.ok(future.every((n) => n > 0), `all four future cells have customers: ${future}`);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  assert.equal(sum(current), sum(future), "both grids classify the same customers");
  await screenshot(page, "laptop-dashboard");

  for (const [grid, counts] of [["current-quadrant", current], ["future-quadrant", future]]) {
    for (let i = 0; i < 4; i++) {
      await dashboard(page);
      await page.locator(`[data-testid="${grid}"] [data-testid="quadrant-cell"]`).nth(i).click();
      await page.waitForURL(/\/customers\?/);
      assert.equal(await shown(page), counts[i], `${grid} cell ${i} opens its ${counts[i]} customers`);
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("the pyramid is 1/4/15/80 and each tier opens its customers; the whale curve peaks above 100%", async () => {
  const page = await context.newPage();
  await dashboard(page);
  const tiers = await page.$$eval('[data-testid="pyramid-row"]', (rows) => rows.map((r) => [r.querySelector("th").textContent.trim(), Number(r.querySelector("td").textContent.replace(/[^\d]/g, ""))]));
  assert.deepEqual(tiers, [["Gold", 50], ["Silver", 200], ["Iron", 750], ["Lead", 4000]]);
  const peak = await page.textContent('[data-testid="whale-peak"]');
  const peakShare = Number(peak.match(/(\d+)%/)[1]);
  assert.ok(peakShare > 100, `the profit peaks above 100% (${peak})`);
  assert.match(await page.textContent('[data-testid="whale-sentence"]'), /top 20% of customers bring \d+% of the profit/i);
  await page.click('[data-testid="pyramid-row"]:nth-child(2) th a');
  await page.waitForURL(/tier=silver/);
  assert.equal(await shown(page), 200);
  await page.close();
});

test("a settings change recomputes the dashboard", async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await dashboard(page);
  const before = number(await page.textContent('[data-testid="kpi-at-risk"]'));

  await open(page, "/settings");
  await page.waitForSelector('[data-testid="setting-at_risk_pct"]');
  // A typing mistake is refused with a sentence at the field, and nothing is saved.
  await page.fill('[data-testid="setting-at_risk_pct"]', "150");
  await page.click('[data-testid="save-settings"]');
  await page.waitForSelector('.field--invalid [data-testid="setting-at_risk_pct"]');
  // At risk below 80% instead of 50%: more customers are at risk.
  await page.fill('[data-testid="setting-at_risk_pct"]', "80");
  await page.click('[data-testid="save-settings"]');
  await page.waitForSelector('[data-testid="settings-status"]');

  await dashboard(page);
  await page.waitForFunction((b) => {
    const n = Number((document.querySelector('[data-testid="kpi-at-risk"]')?.textContent || "").replace(/[^\d]/g, ""));
    return n > b;
  }, before, { timeout: 60000 });
  const after = number(await page.textContent('[data-testid="kpi-at-risk"]'));
  assert.ok(after > before, `more customers at risk at 80% (${before} -> ${after})`);

  // The Customers page agrees with the card.
  await page.click('[data-testid="kpis"] a:has([data-testid="kpi-at-risk"])');
  await page.waitForURL(/status=at_risk/);
  assert.equal(await shown(page), after);

  // Back to the default.
  await open(page, "/settings");
  await page.fill('[data-testid="setting-at_risk_pct"]', "50");
  await page.click('[data-testid="save-settings"]');
  await page.waitForSelector('[data-testid="settings-status"]');
  assert.deepEqual(errors, []);
  await page.close();
});

test("an earlier analysis date is shown on every analysis page with the records it leaves out", async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await dashboard(page);
  const line = () => page.textContent('[data-testid="analysis-date"]');
  // The default is the latest day of any record: nothing is left out.
  assert.match(await line(), /Analysis date: .*2026\./);
  assert.equal(await page.locator('[data-testid="left-out"]').count(), 0);

  // Two months before the demo's last day.
  await open(page, "/settings");
  await page.fill('[data-testid="setting-as_of"]', "2026-08-31");
  await page.click('[data-testid="save-settings"]');
  await page.waitForSelector('[data-testid="settings-status"]');
  await dashboard(page);
  await page.waitForSelector('[data-testid="left-out"]', { timeout: 60000 });
  const text = await line();
  assert.match(text, /Analysis date: Aug 31, 2026\./, text);
  const orders = Number((text.match(/orders and returns: ([\d,]+)/) || [])[1]?.replace(/,/g, ""));
  const interactions = Number((text.match(/interactions: ([\d,]+)/) || [])[1]?.replace(/,/g, ""));
  assert.ok(orders > 0 && interactions > 0, `orders and interactions after the date are counted: ${text}`);
  assert.doesNotMatch(text, /NaN|undefined/);
  await screenshot(page, "dashboard-earlier-analysis-date");
  // The same line, with the same counts, heads the other analysis pages.
  for (const route of ["/customers", "/churn", "/planning"]) {
    await open(page, route);
    await page.waitForSelector('[data-testid="left-out"]', { timeout: 60000 });
    assert.equal(await line(), text, route);
  }
  await page.click('[data-testid="analysis-date"] a');
  await page.waitForURL(/\/settings$/);

  // Back to the default: nothing left out again.
  await page.waitForSelector('[data-testid="setting-as_of"]');
  await page.fill('[data-testid="setting-as_of"]', "");
  await page.click('[data-testid="save-settings"]');
  await page.waitForSelector('[data-testid="settings-status"]');
  await dashboard(page);
  await page.waitForFunction(() => /2026\./.test(document.querySelector('[data-testid="analysis-date"]')?.textContent || "") && !document.querySelector('[data-testid="left-out"]'), null, { timeout: 60000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test("phone width: the dashboard fits without horizontal scrolling", async () => {
  const page = await context.newPage();
  await page.setViewportSize(VIEWPORTS.phone);
  await dashboard(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`);
  await screenshot(page, "phone-dashboard");
  await page.close();
});
