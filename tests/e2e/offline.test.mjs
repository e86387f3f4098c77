// Offline: after one visit the service worker serves the app with the network off.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, newContext, open, screenshot, BASE_URL } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function visitUntilControlled(page) {
  await open(page, "/");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
}

test("after one visit the app loads with the network off, on any route", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await visitUntilControlled(page);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid="page-title"]', { timeout: 30000 });
  assert.equal((await page.textContent('[data-testid="page-title"]')).trim(), "Dashboard");
  await page.goto(BASE_URL + "/cohorts");
  await page.waitForSelector('[data-testid="page-title"]', { timeout: 30000 });
  assert.equal((await page.textContent('[data-testid="page-title"]')).trim(), "Cohorts");
  await screenshot(page, "offline-cohorts");
  await context.close();
});

test("control: without a service worker the offline reload fails", async () => {
  const context = await newContext(browser, undefined, { serviceWorkers: "block" });
  const page = await context.newPage();
  await open(page, "/");
  await context.setOffline(true);
  let failed = false;
  try {
    await page.reload({ timeout: 10000 });
    failed = !(await page.$('[data-testid="page-title"]'));
  } catch {
    failed = true;
  }
  assert.equal(failed, true);
  await context.close();
});

test("the service worker precaches the hashed build and names its cache by content", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await visitUntilControlled(page);
  const { keys, cached } = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys[0]);
    const cached = (await cache.keys()).map((r) => new URL(r.url).pathname);
    return { keys, cached };
  });
  assert.equal(keys.length, 1);
  assert.match(keys[0], /^customer-insight-[0-9a-f]{16}$/);
  assert.ok(cached.some((p) => /\.wasm$/.test(p)), "the wasm is cached");
  assert.ok(cached.some((p) => /\.js$/.test(p)), "the loader is cached");
  assert.ok(cached.some((p) => /\.css$/.test(p)), "the styles are cached");
  assert.ok(cached.includes("/index.html"));
  await context.close();
});

test("a new build replaces the old cache", async () => {
  // Serve a private copy of the build so that it can be "rebuilt" under the test.
  const { spawn } = await import("node:child_process");
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
  const copy = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), "ci-dist-"));
  fs.cpSync(path.join(root, "dist"), copy, { recursive: true });
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn("python3", [path.join(root, "scripts/serve.py"), "--port", String(port), "--dir", copy], {
    env: { ...process.env, SERVE_QUIET: "1" },
    stdio: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 50; i++) {
      try {
        await fetch(base + "/");
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(base + "/");
    await page.waitForSelector('[data-testid="page-title"]', { timeout: 30000 });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const before = await page.evaluate(() => caches.keys());
    assert.equal(before.length, 1);

    // "Rebuild": a changed stylesheet gives a new content version in sw.js.
    const swPath = path.join(copy, "sw.js");
    const sw = fs.readFileSync(swPath, "utf8");
    const oldVersion = sw.match(/const VERSION = "([0-9a-f]{16})"/)[1];
    const newVersion = oldVersion.split("").reverse().join("");
    fs.writeFileSync(swPath, sw.replace(oldVersion, newVersion));
    // The server answers "not modified" to a request whose If-Modified-Since is not older
    // than the file, in whole seconds: a rewrite in the same second as the copy would go
    // unseen. A real rebuild comes seconds later; say so.
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(swPath, later, later);

    // The browser looks for a new service worker when asked (and on navigations). Ask again
    // every few seconds: under load a single update check can be dropped while the previous
    // worker is still settling, which is the browser's business, not the app's.
    const expected = `customer-insight-${newVersion}`;
    const askForUpdate = () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        try {
          await registration.update();
        } catch (error) {
          return String(error);
        }
        return "asked";
      });
    let keys = [];
    let state = "";
    for (let i = 0; i < 300; i++) {
      if (i % 25 === 0) state = await askForUpdate();
      keys = await page.evaluate(() => caches.keys());
      if (keys.length === 1 && keys[0] === expected) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const workers = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      const describe = (w) => (w ? `${w.state} ${new URL(w.scriptURL).pathname}` : "none");
      return `active ${describe(registration.active)}, waiting ${describe(registration.waiting)}, installing ${describe(registration.installing)}`;
    });
    assert.deepEqual(keys, [expected], `the old cache was deleted (last update: ${state}; ${workers})`);
    await context.close();
  } finally {
    server.kill();
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
