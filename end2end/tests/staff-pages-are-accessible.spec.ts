import { expect, test, type Page } from "@playwright/test";
import { TOTP } from "otpauth";
import { expectNoHorizontalScroll, expectNoSeriousAxeViolations, useOwnAddress } from "./helpers";

// Every workspace page, as the role that uses it: it renders, fits the screen of the
// project (a 360 px phone or a desktop) and has no serious accessibility violation.
// Each project uses accounts of its own station; the bureau-wide ones only on the desktop.
const station = () =>
  ({ phone: ["qishan", "1000"], "phone-no-js": ["yuewang", "2000"] })[test.info().project.name] ??
  ["dadongmen", "3000"];

test.beforeEach(({ page }) => useOwnAddress(page));

async function signIn(page: Page, username: string) {
  await page.goto("/staff/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill("e2e-demo-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/staff\/login$/);
  if (page.url().endsWith("/staff/totp")) {
    const secret = (await page.locator("#totp-secret").textContent())!.replace(/\s+/g, "");
    await page.getByLabel("6 位验证码").fill(new TOTP({ secret }).generate());
    await page.getByRole("button", { name: "启用两步验证" }).click();
    await expect(page).not.toHaveURL(/\/staff\/totp$/);
  }
}

async function check(page: Page, path: string, heading: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectNoSeriousAxeViolations(page);
}

test("an officer's pages", async ({ page }) => {
  const [, badges] = station();
  await signIn(page, `officer.${badges}06`);
  await check(page, "/staff/cases", "我承办的诉求");
  await check(page, "/staff/visits", "走访记录");
  await page.getByLabel("住户或地址").fill("西街 5 号");
  await page.getByLabel("听到的意见").fill("希望晚上多巡逻");
  await page.getByRole("button", { name: "保存走访记录" }).click();
  await expect(page.getByText("希望晚上多巡逻")).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await check(page, "/staff/campaigns", "开门评警活动");
  await page.goto(`/staff/officers/${badges}06/card`);
  await expect(page.locator(".print-card svg")).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("a clerk's pages", async ({ page }) => {
  const [slug] = station();
  await signIn(page, `clerk.${slug}`);
  await check(page, "/staff/intake", "待受理");
  await check(page, "/staff/officers", "民警服务卡");
  await check(page, "/staff/service-codes", "打印服务码");
  await page.getByLabel("数量（1–200）").fill("4");
  await page.getByRole("button", { name: "生成并打印" }).click();
  await expect(page.locator(".slip")).toHaveCount(4);
  await expectNoSeriousAxeViolations(page);
});

// The leader's dashboard is checked in the overdue journey (a TOTP enrolment per leader).
test("the inspector's and the admin's pages", async ({ page }) => {
  test.skip(test.info().project.name !== "desktop", "bureau-wide accounts: one project only");
  await signIn(page, "inspector");
  await check(page, "/staff/inspector", "督察待办");
  await check(page, "/staff/inspector/signals", "评价异常信号");
  await page.goto("/staff");
  await page.getByRole("button", { name: "退出登录", exact: true }).click();
  await signIn(page, "admin");
  await check(page, "/staff/admin", "系统管理");
  await page.goto("/staff");
  await page.getByRole("button", { name: "退出登录", exact: true }).click();
  await signIn(page, "intake");
  await check(page, "/staff/intake", "待受理");
  await expect(page.getByRole("heading", { level: 2, name: /超时未受理/ })).toBeVisible();
});
