import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";

/**
 * Fails on any serious or critical accessibility violation on the current page. axe runs
 * inside the page, so it needs JavaScript: the no-JavaScript project gets the same
 * server-rendered HTML, which the JavaScript project checks.
 */
export async function expectNoSeriousAxeViolations(page: Page) {
  if (test.info().project.use.javaScriptEnabled === false) return;
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`)).toEqual([]);
}

/** Collects console errors and failed page errors (a CSP violation shows up here). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** The page fits a narrow phone: nothing scrolls sideways. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Runs the `opendoor` CLI against the server's database (a test fixture) and returns stdout. */
export function opendoor(...args: string[]): string {
  const repo = resolve(__dirname, "..", "..");
  return execFileSync(`${repo}/target/release/opendoor`, args, {
    cwd: repo,
    env: {
      ...process.env,
      DATABASE_URL: process.env.OPENDOOR_E2E_DATABASE_URL,
      OPENDOOR_AUDIT_KEY: "e2e-audit-key-0123456789",
      RUST_LOG: "warn",
    },
    encoding: "utf8",
  });
}

/**
 * Sends this test's requests from an address of its own (the suite's server trusts
 * X-Forwarded-For), so the per-client rate limits on requests and sign-ins, which the
 * integration tests check, do not stop journeys that run side by side.
 */
export async function useOwnAddress(page: Page) {
  const key = `${test.info().project.name} ${test.info().title}`;
  let hash = 0;
  for (const c of key) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  const address = `10.${(hash >>> 16) & 255}.${(hash >>> 8) & 255}.${(hash & 255) || 1}`;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": address });
}
