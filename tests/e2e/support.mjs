// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core,
// with the flags that keep it off the (closed) network, and page objects for the shell.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

export const BASE_URL = process.env.BASE_URL || "http://127.0.0.1:8080";
export const SCREENSHOT_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), "screenshots");

export const PAGES = [
  { path: "/", title: "Dashboard" },
  { path: "/customers", title: "Customers" },
  { path: "/managers", title: "Managers" },
  { path: "/campaigns", title: "Campaigns" },
  { path: "/import", title: "Import" },
  { path: "/churn", title: "Churn" },
  { path: "/cohorts", title: "Cohorts" },
  { path: "/models", title: "Models" },
  { path: "/planning", title: "Planning" },
  { path: "/settings", title: "Settings" },
];

export const VIEWPORTS = {
  laptop: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
};

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** A fresh context (its own IndexedDB, caches and service workers). */
export async function newContext(browser, viewport = VIEWPORTS.laptop, options = {}) {
  return browser.newContext({ viewport, locale: "en-US", ...options });
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`exception: ${err.message}`));
  return errors;
}

/** Opens a page of the app and waits until the wasm app has rendered its title. */
export async function open(page, route = "/") {
  await page.goto(BASE_URL + route);
  await page.waitForSelector('[data-testid="page-title"]', { timeout: 30000 });
}

export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A fresh context holding the demo company (its IndexedDB persists between its pages). */
export async function demoContext(browser, viewport = VIEWPORTS.laptop) {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  await open(page, "/import?demo=1");
  await page.waitForSelector('[data-testid="demo-loaded"]', { timeout: 120000 });
  await page.close();
  return context;
}

/** Waits until the chart figure `testid` has drawn. */
export function chartReady(page, testid, timeout = 60000) {
  return page.waitForSelector(`figure[data-testid="${testid}"][data-state="ready"]`, { timeout });
}

/** The number of customers the Customers page shows ("12 of 5,000 customers" gives 12). */
export async function shownCount(page) {
  await page.waitForFunction(() => /^[\d,]+ of/.test(document.querySelector('[data-testid="customer-count"]')?.textContent || ""), null, { timeout: 60000 });
  return Number((await page.textContent('[data-testid="customer-count"]')).split(" of")[0].replace(/,/g, ""));
}

/** Picks a file in the import wizard and waits for its preview. */
export async function pickFile(page, file, timeout = 15000) {
  await page.setInputFiles('[data-testid="import-file"]', file);
  await page.waitForSelector('[data-testid="preview-row"]', { timeout });
}
