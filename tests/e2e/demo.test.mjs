// The demo company: one click from an empty workspace, every page then has something to
// show; filters live in the URL; bulk assignment; the load can be reverted in one click.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, newContext, open, screenshot, watchErrors, BASE_URL } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function loadDemo(page) {
  await open(page, "/");
  await page.click('[data-testid="empty-state"] a:has-text("Load demo data")');
  await page.waitForSelector('[data-testid="demo-loaded"]', { timeout: 90000 });
}

test("the demo loads in one click and the Customers page filters, sorts and assigns", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const t0 = Date.now();
  await loadDemo(page);
  console.log(`# demo data loaded in ${Date.now() - t0} ms`);
  await screenshot(page, "laptop-import-demo-loaded");

  await open(page, "/customers");
  await page.waitForSelector('[data-testid="customer-row"]', { timeout: 60000 });
  assert.match(await page.textContent('[data-testid="customer-count"]'), /^5,000 of 5,000 customers/);
  await screenshot(page, "laptop-customers");

  // Filters are in the URL: a bookmarked view comes back as it was.
  await page.selectOption('[data-testid="filter-tier"]', "gold");
  await page.waitForFunction(() => /^50 of 5,000/.test(document.querySelector('[data-testid="customer-count"]')?.textContent || ""));
  assert.match(page.url(), /tier=gold/);
  await page.fill('[data-testid="customer-search"]', "hotel");
  await page.waitForFunction(() => !/^50 of/.test(document.querySelector('[data-testid="customer-count"]')?.textContent || ""));
  const url = page.url();
  const countText = await page.textContent('[data-testid="customer-count"]');
  await page.goto(url);
  await page.waitForSelector('[data-testid="customer-count"]', { timeout: 30000 });
  await page.waitForFunction((t) => document.querySelector('[data-testid="customer-count"]')?.textContent === t, countText, { timeout: 30000 });
  assert.equal(await page.inputValue('[data-testid="customer-search"]'), "hotel");

  // Sorting by profit ascending puts the biggest loss first.
  await open(page, "/customers?sort=profit&dir=asc");
  await page.waitForSelector('[data-testid="customer-row"]');
  const firstProfit = await page.$eval('[data-testid="customer-row"] .col-money:nth-of-type(7)', (el) => el.textContent);
  assert.match(firstProfit, /^−/, "the first row loses money");

  // Bulk-assign a manager to the gold customers.
  await open(page, "/customers?tier=gold");
  await page.waitForFunction(() => /^50 of/.test(document.querySelector('[data-testid="customer-count"]')?.textContent || ""));
  const manager = await page.$eval('[data-testid="bulk-manager"] option:nth-child(2)', (o) => o.textContent);
  await page.selectOption('[data-testid="bulk-manager"]', { index: 1 });
  await page.click('[data-testid="bulk-assign"]');
  await page.waitForSelector('[data-testid="bulk-result"]');
  assert.equal(await page.textContent('[data-testid="bulk-result"]'), `50 customers now have ${manager} as their manager.`);
  await open(page, `/customers?tier=gold`);
  await page.waitForSelector('[data-testid="customer-row"]');
  const managers = await page.$$eval('[data-testid="customer-row"] .col-manager', (cells) => [...new Set(cells.map((c) => c.textContent))]);
  assert.deepEqual(managers, [manager]);

  // Scrolling a long list keeps a small DOM (virtual rows).
  await open(page, "/customers");
  await page.waitForSelector('[data-testid="customer-row"]');
  const rendered = await page.$$eval('[data-testid="customer-row"]', (rows) => rows.length);
  assert.ok(rendered < 80, `only the visible rows are in the page (${rendered})`);
  await page.$eval(".vrows", (el) => (el.scrollTop = 52 * 2500));
  await page.waitForTimeout(300);
  const names = await page.$$eval('[data-testid="customer-row"]', (rows) => rows.length);
  assert.ok(names > 0 && names < 80);

  for (const path of ["/managers", "/campaigns", "/settings"]) {
    await open(page, path);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    await screenshot(page, `laptop-demo${path.replace("/", "-")}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("loading the demo can be reverted in one click, leaving the workspace empty", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await loadDemo(page);
  await open(page, "/import");
  await page.waitForSelector('[data-testid="batch-row"]');
  await page.click('[data-testid="revert-batch"]');
  await page.click('[data-testid="confirm-revert-yes"]');
  await page.waitForSelector('[data-testid="batch-row"]:has-text("reverted")');
  await open(page, "/customers");
  await page.waitForSelector('[data-testid="empty-state"]', { timeout: 30000 });
  await open(page, "/managers");
  await page.waitForSelector('[data-testid="empty-state"]');
  await context.close();
});

test("phone width: the customer list and a profile stay usable", async () => {
  const context = await newContext(browser, { width: 390, height: 844 });
  const page = await context.newPage();
  await loadDemo(page);
  await open(page, "/customers");
  await page.waitForSelector('[data-testid="customer-row"]', { timeout: 60000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`);
  await screenshot(page, "phone-customers");
  await page.click('[data-testid="customer-row"]');
  await page.waitForSelector('[data-testid="value-card"]');
  await screenshot(page, "phone-profile");
  assert.equal(new URL(page.url()).origin, BASE_URL);
  await context.close();
});
