// Privacy by construction: visiting every page sends no request off the origin, and
// the page carries a Content-Security-Policy that forbids it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, newContext, open, PAGES, BASE_URL } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("no request leaves the origin while every page is visited", async () => {
  const context = await newContext(browser);
  const requests = [];
  context.on("request", (request) => requests.push(request.url()));
  const page = await context.newPage();
  for (const { path } of PAGES) {
    await open(page, path);
    await page.waitForLoadState("networkidle");
  }
  await open(page, "/missing-page");
  const origin = new URL(BASE_URL).origin;
  const foreign = requests.filter((url) => {
    const u = new URL(url);
    return !(u.origin === origin || u.protocol === "data:" || u.protocol === "blob:");
  });
  assert.ok(requests.length > 5, `requests were recorded (${requests.length})`);
  assert.deepEqual(foreign, [], "requests that left the origin");
  await context.close();
});

test("the Content-Security-Policy allows connections only to the app's own origin", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/");
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(csp, /connect-src 'self'/);
  assert.match(csp, /default-src 'self'/);
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) || "";
  assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'/, "scripts run only from the app itself");
  assert.match(scriptSrc, /'sha256-/, "the inline loader is allowed by its hash");
  assert.doesNotMatch(csp, /https?:/, "no third-party source is allowed");
  // A fetch to another origin is refused by the policy itself.
  const blocked = await page.evaluate(async () => {
    try {
      await fetch("http://example.invalid/collect", { mode: "no-cors" });
      return false;
    } catch {
      return true;
    }
  });
  assert.equal(blocked, true);
  await context.close();
});
