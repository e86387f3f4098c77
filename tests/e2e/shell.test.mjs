// The shell a person sees: every page, the navigation, the 404, both widths.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, newContext, open, screenshot, watchErrors, PAGES, VIEWPORTS, BASE_URL } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("every page renders its title and honest empty state at laptop width", async () => {
  const context = await newContext(browser, VIEWPORTS.laptop);
  const page = await context.newPage();
  const errors = watchErrors(page);
  for (const { path, title } of PAGES) {
    await open(page, path);
    assert.equal((await page.textContent('[data-testid="page-title"]')).trim(), title, path);
    assert.equal(await page.textContent('[data-testid="app-name"]'), "Customer Insight");
    const navLinks = await page.$$eval("nav#app-nav a", (as) => as.map((a) => a.textContent.trim()));
    assert.deepEqual(navLinks, PAGES.map((p) => p.title));
    const current = await page.$eval('nav#app-nav a[aria-current="page"]', (a) => a.textContent.trim());
    assert.equal(current, title, `the navigation marks ${title} as current`);
    assert.ok(!(await page.textContent("body")).match(/coming soon/i), `${path} says "coming soon"`);
    await screenshot(page, `empty-laptop${path === "/" ? "-dashboard" : path.replace("/", "-")}`);
  }
  // A data page with no customers shows the sentence and the real calls to action.
  await open(page, "/customers");
  await page.waitForSelector('[data-testid="empty-state"]');
  const empty = await page.textContent('[data-testid="empty-state"]');
  assert.match(empty, /No customers yet — load the demo data or import a file/);
  assert.ok(await page.isVisible('[data-testid="empty-state"] a:has-text("Load demo data")'));
  assert.ok(await page.isVisible('[data-testid="empty-state"] a:has-text("Import a file")'));
  assert.deepEqual(errors, []);
  await context.close();
});

test("navigation links route between pages without reloading", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/");
  await page.evaluate(() => (window.__marker = 42));
  await page.click('nav#app-nav a:has-text("Churn")');
  await page.waitForFunction(() => document.querySelector('[data-testid="page-title"]')?.textContent === "Churn");
  assert.equal(new URL(page.url()).pathname, "/churn");
  assert.equal(await page.evaluate(() => window.__marker), 42, "client-side routing kept the page");
  await context.close();
});

test("an unknown address shows the 404 page with a way back", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/no/such/page");
  assert.equal((await page.textContent('[data-testid="page-title"]')).trim(), "Page not found");
  assert.match(await page.textContent('[data-testid="not-found"]'), /There is no page at \/no\/such\/page/);
  await screenshot(page, "laptop-404");
  await page.click('[data-testid="not-found"] a');
  await page.waitForFunction(() => document.querySelector('[data-testid="page-title"]')?.textContent === "Dashboard");
  await context.close();
});

test("at phone width the navigation is a menu that opens and closes", async () => {
  const context = await newContext(browser, VIEWPORTS.phone);
  const page = await context.newPage();
  for (const { path } of PAGES) {
    await open(page, path);
    await screenshot(page, `empty-phone${path === "/" ? "-dashboard" : path.replace("/", "-")}`);
  }
  await open(page, "/");
  assert.equal(await page.isVisible("nav#app-nav"), false, "the menu starts closed");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at phone width (overflow ${overflow}px)`);
  await page.click('[data-testid="menu-toggle"]');
  assert.equal(await page.isVisible("nav#app-nav"), true, "the menu opens");
  await screenshot(page, "phone-menu-open");
  await page.click('nav#app-nav a:has-text("Cohorts")');
  await page.waitForFunction(() => document.querySelector('[data-testid="page-title"]')?.textContent === "Cohorts");
  assert.equal(await page.isVisible("nav#app-nav"), false, "following a link closes the menu");
  await context.close();
});

test("the language can be switched and is remembered", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/settings");
  await page.selectOption('[data-testid="language-select"]', "es");
  await page.waitForFunction(() => document.querySelector('[data-testid="page-title"]')?.textContent === "Ajustes");
  assert.equal(await page.getAttribute("html", "lang"), "es");
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid="page-title"]')?.textContent === "Ajustes");
  await screenshot(page, "laptop-settings-es");
  await context.close();
});

test("settings show the database and the browser's storage", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/settings");
  await page.waitForSelector('[data-testid="schema-version"]');
  assert.match(await page.textContent('[data-testid="schema-version"]'), /^\d+$/);
  await page.waitForSelector('[data-testid="storage-persisted"]');
  assert.match(await page.textContent('[data-testid="storage-used"]'), /B|Not reported/);
  assert.equal(new URL(page.url()).origin, BASE_URL);
  await context.close();
});
