import { expect, test } from "@playwright/test";
import { collectErrors, expectNoHorizontalScroll, expectNoSeriousAxeViolations, opendoor, useOwnAddress } from "./helpers";

test("a resident rates officer 100001 from the QR code page", async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/o/100001");
  await expect(page.getByRole("heading", { level: 1, name: "评价民警" })).toBeVisible();
  await expect(page.getByText("张伟")).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectNoSeriousAxeViolations(page);

  // Sent empty: the errors come back beside the fields.
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByRole("alert")).toContainText("请选择满意程度。");
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("满意", { exact: true }).check();
  await page.getByLabel("服务类型").selectOption({ label: "窗口接待" });
  await page.getByLabel("态度好").check();
  await page.getByLabel("意见或建议（选填，1000 字以内）").fill("办事很快，谢谢！");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "感谢您的评价" })).toBeVisible();
  await expect(page).toHaveURL(/\/rated$/);
  // The refused submission answered 422 on purpose; nothing else may fail.
  expect(errors.filter((e) => !e.includes("status of 422"))).toEqual([]);
});

test("a very dissatisfied rating opens a review the resident follows and answers", async ({ page }) => {
  await useOwnAddress(page);
  // Each project rates an officer of its own, so their reviews never meet.
  const badge = test.info().project.name === "phone" ? "200003" : "200004";
  await page.goto(`/o/${badge}`);
  await page.getByLabel("非常不满意").check();
  await page.getByLabel("服务类型").selectOption({ label: "户籍/身份证" });
  await page.getByLabel("话难听").check();
  await page.getByLabel("联系方式（选填）").fill("13800000000");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "感谢您的评价" })).toBeVisible();
  // The review's reference and access code, shown this once.
  const reference = (await page.locator("#review-reference").textContent())!.trim();
  const code = (await page.locator("#review-code").textContent())!.trim();
  expect(reference).toMatch(/^KM-\d{4}-\d{6}$/);
  expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await expectNoHorizontalScroll(page);
  await expectNoSeriousAxeViolations(page);
  await page.reload();
  await expect(page.locator("#review-code")).toHaveCount(0);

  await page.goto("/track");
  await page.getByLabel("编号", { exact: true }).fill(reference);
  await page.getByLabel("查询码", { exact: true }).fill(code);
  await page.getByRole("button", { name: "查看进度" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(reference) })).toBeVisible();
  await expect(page.getByText("差评核实").first()).toBeVisible();
  // The station answers (the command line as a fixture), and the resident gives feedback.
  opendoor("resolve-case", "--reference", reference, "--summary", "已对当事民警批评教育。");
  await page.reload();
  await expect(page.getByText("已对当事民警批评教育。").first()).toBeVisible();
  await page.getByRole("button", { name: "基本满意", exact: true }).click();
  await expect(page.getByText("已办结").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "满意", exact: true })).toHaveCount(0);
});

test("an unknown badge gets a 404 page that leads to the stations", async ({ page }) => {
  const response = await page.goto("/o/999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "找不到这位民警" })).toBeVisible();
  await page.getByRole("link", { name: /祁山派出所/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "祁山派出所" })).toBeVisible();
});
