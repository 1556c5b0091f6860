import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// The release build under test, on its own port and a fresh database, so a server left
// over from another run can never answer in its place.
const repo = resolve(__dirname, "..");
const port = Number(process.env.OPENDOOR_E2E_PORT ?? 3100);
// Workers load this file too: they inherit the runner's directory through the environment,
// so tests can run the CLI (service codes, resolving a case) against the server's database.
process.env.OPENDOOR_E2E_DATA ??= mkdtempSync(join(tmpdir(), "opendoor-e2e-"));
const dataDir = process.env.OPENDOOR_E2E_DATA;
process.env.OPENDOOR_E2E_DATABASE_URL = `sqlite://${dataDir}/opendoor.db`;

// Debian's Chromium: Playwright's own browser download does not work on our machines.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: chromium,
  },
  projects: [
    {
      name: "phone",
      use: { ...devices["Pixel 5"], launchOptions: chromium },
    },
    {
      name: "phone-no-js",
      use: { ...devices["Pixel 5"], javaScriptEnabled: false, launchOptions: chromium },
    },
    {
      // The staff work at desks too.
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
      testMatch: /staff-.*\.spec\.ts/,
    },
  ],
  webServer: {
    command: `${repo}/target/release/opendoor serve --demo --trust-forwarded-for --addr 127.0.0.1:${port}`,
    cwd: repo,
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.OPENDOOR_E2E_DATABASE_URL,
      LEPTOS_SITE_ROOT: `${repo}/target/site`,
      OPENDOOR_DEMO_PASSWORD: "e2e-demo-password",
      OPENDOOR_AUDIT_KEY: "e2e-audit-key-0123456789",
      // The tests start from the bare demo (no past year): they publish months themselves.
      OPENDOOR_DEMO_BARE: "true",
      RUST_LOG: "warn",
      // No SMTP server: mail is written as .eml files, beside the test database.
      OPENDOOR_MAIL_DIR: `${dataDir}/mail`,
    },
  },
});
