import { expect, test } from "@playwright/test";
import { expectNoHorizontalScroll, expectNoSeriousAxeViolations, opendoor } from "./helpers";

test("a resident files a request, tracks it, and confirms the outcome", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  await page.getByRole("link", { name: "提诉求", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "提诉求" })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectNoSeriousAxeViolations(page);

  // Sent without a subject: the error comes back inline and the text stays. With
  // JavaScript the form is swapped in place: the page itself is never reloaded.
  const enhanced = test.info().project.use.javaScriptEnabled !== false;
  if (enhanced) {
    await expect(page.locator("html")).toHaveAttribute("data-enhanced", "true");
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  }
  await page.getByLabel(/^求助/).check();
  await page.getByLabel("派出所", { exact: true }).selectOption({ label: "祁山派出所" });
  await page.getByLabel("具体情况（4000 字以内）").fill("小区门口的路灯坏了，晚上很黑。");
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.getByRole("alert")).toContainText("请填写标题。");
  await expect(page.getByLabel("具体情况（4000 字以内）")).toHaveValue("小区门口的路灯坏了，晚上很黑。");
  if (enhanced) {
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await expect(page.locator(".error-summary")).toBeFocused();
  }
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("标题", { exact: true }).fill("路灯坏了");
  await page.getByLabel("地点（选填）").fill("祁山路 8 号");
  await page.getByRole("button", { name: "提交诉求" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "诉求已提交" })).toBeVisible();
  await expect(page.getByText("只显示这一次")).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  const reference = (await page.locator("#receipt-reference").textContent())!.trim();
  const code = (await page.locator("#receipt-code").textContent())!.trim();
  expect(reference).toMatch(/^KM-\d{4}-\d{6}$/);
  expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);

  await page.getByRole("link", { name: "查看进度" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "查进度" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("编号", { exact: true }).fill(reference);
  await page.getByLabel("查询码", { exact: true }).fill("WRONG-CODE1");
  await page.getByRole("button", { name: "查看进度" }).click();
  await expect(page.getByRole("alert")).toContainText("编号或查询码不正确");
  await page.getByLabel("编号", { exact: true }).fill(reference);
  await page.getByLabel("查询码", { exact: true }).fill(code);
  await page.getByRole("button", { name: "查看进度" }).click();

  await expect(page.getByRole("heading", { level: 1, name: new RegExp(reference) })).toBeVisible();
  // Filed, not yet taken up: it says so, and by when it will be.
  await expect(page.getByText("已提交，待受理").first()).toBeVisible();
  await expect(page.getByText(/前受理（1 个工作日内）/)).toBeVisible();
  await expect(page.getByText(/还有 \d+ 个工作日/)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectNoSeriousAxeViolations(page);

  // Staff resolve it (through the CLI until the staff workspace exists).
  opendoor("resolve-case", "--reference", reference, "--summary", "路灯已于今日修复。");
  await page.reload();
  await expect(page.getByText("路灯已于今日修复。").first()).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "满意", exact: true }).click();
  await expect(page.getByText("已办结").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "满意", exact: true })).toHaveCount(0);
});
