// The analysis pages on the demo company: Churn (charts, the what-if calculator reproducing
// the worked example, the at-risk list and its drill-downs), Cohorts (the retention heat map)
// and Models (parameters, matrices and the holdout check run on demand), at laptop and phone
// widths.
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
const count = shownCount;

test("Churn: charts render, the what-if calculator reproduces the worked example, the at-risk list drills down", async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await open(page, "/churn");
  await ready(page, "churn-rate-chart");
  await ready(page, "churn-reasons-chart");
  await ready(page, "churn-loss-chart");
  assert.match(await page.textContent('[data-testid="churn-rate"]'), /^\d+(\.\d)?%$/);
  assert.equal(await page.locator('[data-testid="loss-row"]').count(), 7, "a row per exit reason");

  // Quarterly rates redraw the same chart.
  await page.click('[data-testid="churn-by-quarter"]');
  await ready(page, "churn-rate-chart");
  assert.equal(await page.getAttribute('[data-testid="churn-by-quarter"]', "aria-pressed"), "true");
  await screenshot(page, "laptop-churn");

  // Prefilled from the data, then the worked example typed in.
  assert.notEqual(await page.inputValue('[data-testid="whatif-customers"]'), "");
  await page.fill('[data-testid="whatif-customers"]', "6600");
  await page.fill('[data-testid="whatif-rate"]', "5");
  await page.fill('[data-testid="whatif-revenue"]', "10000");
  await page.fill('[data-testid="whatif-margin"]', "10");
  assert.equal(await page.textContent('[data-testid="whatif-lost-customers"]'), "330");
  assert.match(await page.textContent('[data-testid="whatif-lost-revenue"]'), /3,300,000/);
  assert.match(await page.textContent('[data-testid="whatif-lost-profit"]'), /330,000/);
  assert.match(await page.textContent('[data-testid="whatif-ceiling"]'), /330,000/);

  // The at-risk list: ranked by value at stake, each row a profile, the whole list a filter.
  const rows = await page.locator('[data-testid="at-risk-row"]').count();
  assert.ok(rows > 0, "the demo has customers at risk");
  const atRisk = Number((await page.textContent('[data-testid="churn-at-risk"]')).replace(/,/g, ""));
  await page.click('[data-testid="at-risk-all"]');
  await page.waitForURL(/\/customers\?status=at_risk&sort=future_profit/);
  assert.equal(await count(page), atRisk, "the list link shows exactly the customers at risk");

  await open(page, "/churn");
  await page.waitForSelector('[data-testid="at-risk-customer"]', { timeout: 60000 });
  const name = await page.textContent('[data-testid="at-risk-customer"]');
  await page.click('[data-testid="at-risk-customer"]');
  await page.waitForURL(/\/customers\/[^?]+$/);
  await page.waitForSelector(`text=${name}`);

  // A reason's bar (here its table row) opens the customers who left for it.
  await open(page, "/churn");
  await ready(page, "churn-reasons-chart");
  const numbers = page.locator('[data-testid="churn-reasons-chart"] details');
  if (!(await numbers.evaluate((el) => el.open))) await numbers.locator("summary").click();
  await page.locator('[data-testid="churn-reasons-chart"] .chart-table__link').first().click();
  await page.waitForURL((url) => url.searchParams.get("status") === "exited" && /^[a-z]+$/.test(url.searchParams.get("reason") || ""));
  const reason = new URL(page.url()).searchParams.get("reason");
  const price = await count(page);
  assert.ok(price > 0, `the demo has customers who left for the reason "${reason}"`);
  const exited = await (async () => { await open(page, "/customers?status=exited"); return count(page); })();
  assert.ok(price < exited, `a reason is a part of those who left (${price} of ${exited})`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("Cohorts: the retention heat map renders with the all-cohorts row", async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await open(page, "/cohorts");
  await ready(page, "cohort-heatmap");
  assert.match(await page.textContent('[data-testid="cohort-summary"]'), /^5,000 customers in \d+ monthly cohorts/);
  await screenshot(page, "laptop-cohorts");
  assert.deepEqual(errors, []);
  await page.close();
});

test("Models: parameters, matrices and the holdout check at the suggested split", async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await open(page, "/models");
  await ready(page, "matrix-expected");
  await ready(page, "matrix-alive");
  assert.equal(await page.textContent('[data-testid="bg-converged"]'), "yes");
  assert.equal(await page.textContent('[data-testid="gg-converged"]'), "yes");
  assert.equal(await page.locator('[data-testid="model-param"]').count(), 7, "r, α, a, b and p, q, v");
  assert.match(await page.inputValue('[data-testid="holdout-split"]'), /^\d{4}-\d{2}-\d{2}$/);

  // A date outside the history is refused by the form, inside the panel.
  await page.fill('[data-testid="holdout-split"]', "1990-01-01");
  await page.click('[data-testid="holdout-check"]');
  await page.waitForSelector('[data-testid="holdout-error"]');

  await open(page, "/models");
  await page.waitForSelector('[data-testid="holdout-split"]', { timeout: 60000 });
  const t0 = Date.now();
  await page.click('[data-testid="holdout-check"]');
  await page.waitForSelector('[data-testid="holdout-result"], [data-testid="holdout-failed"]', { timeout: 120000 });
  console.log(`# holdout check in ${Date.now() - t0} ms`);
  assert.equal(await page.locator('[data-testid="holdout-failed"]').count(), 0);
  await ready(page, "holdout-tracking");
  await ready(page, "holdout-by-frequency");
  assert.match(await page.textContent('[data-testid="holdout-summary"]'), /the model expected [\d,]+\./);
  await screenshot(page, "laptop-models");
  assert.deepEqual(errors, []);
  await page.close();
});

test("phone width: the analysis pages fit without horizontal scrolling", async () => {
  const page = await context.newPage();
  await page.setViewportSize(VIEWPORTS.phone);
  for (const [path, figure] of [["/churn", "churn-rate-chart"], ["/cohorts", "cohort-heatmap"], ["/models", "matrix-alive"]]) {
    await open(page, path);
    await ready(page, figure);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path}: no horizontal scrolling (${overflow}px)`);
    await screenshot(page, `phone${path.replace("/", "-")}`);
  }
  await page.close();
});
