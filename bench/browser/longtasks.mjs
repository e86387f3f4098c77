// Benchmark: does the page ever freeze with 100,000 customers?
//
// Loads a 100,000-customer demo company, then visits every analysis page, filters,
// sorts and scrolls the customer table, while a PerformanceObserver records every
// main-thread task over 50 ms (the browser's "long task"). Reports the longest task
// and how many exceeded 100 ms, plus the time to load the data and to analyse it.
//
//   node bench/browser/longtasks.mjs [BASE_URL] [CUSTOMERS]
// (`make bench-browser` builds, serves and runs it.)
import { chromium } from "playwright-core";

const base = process.argv[2] || "http://127.0.0.1:8080";
const customers = Number(process.argv[3] || 100000);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
await context.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ duration: e.duration, start: e.startTime, at: location.pathname });
  }).observe({ type: "longtask", buffered: true });
});
const page = await context.newPage();
page.on("pageerror", (e) => console.error("page error:", e.message));

const results = [];
const t0 = Date.now();
await page.goto(`${base}/import?demo=1&customers=${customers}`);
await page.waitForSelector('[data-testid="demo-loaded"], [data-testid="demo-error"]', { timeout: 600000 });
const loadMs = Date.now() - t0;
results.push(["load demo data (generate + store)", `${loadMs} ms`]);

const t1 = Date.now();
await page.goto(`${base}/customers`);
await page.waitForSelector('[data-testid="customer-row"]', { timeout: 600000 });
results.push(["open the app and analyse in the worker", `${Date.now() - t1} ms`]);

// A page counts as shown once its analysis is unpacked (no progress bar) and every chart
// has drawn; tasks after that are still counted for another half second.
async function visit(path, selector) {
  await page.goto(base + path);
  await page.waitForSelector(selector, { timeout: 120000 });
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="progress"]') && ![...document.querySelectorAll("figure.chart")].some((f) => f.dataset.state === "pending"),
    null,
    { timeout: 120000, polling: 100 },
  );
  await page.waitForTimeout(500);
}
const steps = [
  ["/", '[data-testid="page-title"]'],
  ["/customers", '[data-testid="customer-row"]'],
  ["/customers?tier=gold", '[data-testid="customer-row"]'],
  ["/customers?sort=profit&dir=asc", '[data-testid="customer-row"]'],
  ["/customers?q=hotel", '[data-testid="customer-row"]'],
  ["/managers", '[data-testid="page-title"]'],
  ["/campaigns", '[data-testid="page-title"]'],
  ["/churn", '[data-testid="page-title"]'],
  ["/cohorts", '[data-testid="page-title"]'],
  ["/models", '[data-testid="page-title"]'],
  ["/planning", '[data-testid="page-title"]'],
];
const tasks = [];
for (const [path, selector] of steps) {
  await visit(path, selector);
  if (path === "/customers") {
    for (let i = 1; i <= 20; i++) {
      await page.$eval(".vrows", (el, y) => (el.scrollTop = y), i * 52 * 4000);
      await page.waitForTimeout(50);
    }
    await page.fill('[data-testid="customer-search"]', "smith");
    await page.waitForTimeout(400);
  }
  tasks.push(...(await page.evaluate(() => window.__longTasks.splice(0))));
}
const durations = tasks.filter((t) => t.at !== "/import").map((t) => t.duration);
const max = durations.length ? Math.max(...durations) : 0;
results.push(["long tasks (> 50 ms) while using the pages", String(durations.length)]);
results.push(["tasks over 100 ms", String(durations.filter((d) => d > 100).length)]);
results.push(["longest main-thread task", `${max.toFixed(0)} ms`]);
const worst = tasks.filter((t) => t.duration > 100).map((t) => `${t.at} ${t.duration.toFixed(0)} ms`);
console.log(`\nCustomer Insight in headless Chromium, ${customers.toLocaleString("en")} customers\n`);
for (const [k, v] of results) console.log(`${k.padEnd(48)} ${v}`);
if (worst.length) console.log("\ntasks over 100 ms:", worst.join(", "));
await browser.close();
