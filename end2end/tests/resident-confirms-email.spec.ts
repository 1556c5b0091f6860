import { expect, test } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { expectNoSeriousAxeViolations, useOwnAddress } from "./helpers";

// With no SMTP server set, the server writes each message as an .eml file; the e2e config
// puts them beside the test database.
const mailDir = join(process.env.OPENDOOR_E2E_DATA!, "mail");

async function findMail(to: string, subject: RegExp): Promise<ParsedMail | undefined> {
  let files: string[] = [];
  try {
    files = readdirSync(mailDir).filter((f) => f.endsWith(".eml"));
  } catch {
    return undefined;
  }
  for (const file of files) {
    const mail = await simpleParser(readFileSync(join(mailDir, file)));
    const recipients = [mail.to ?? []].flat().map((a) => a.text).join(",");
    if (recipients.includes(to) && subject.test(mail.subject ?? "")) return mail;
  }
  return undefined;
}

/** Waits for the worker (it looks every second) to write the message. */
async function waitForMail(to: string, subject: RegExp): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(async () => (found = await findMail(to, subject)) !== undefined, {
      message: `a message to ${to} matching ${subject}`,
      timeout: 20_000,
    })
    .toBe(true);
  return found!;
}

function link(mail: ParsedMail, pattern: RegExp): string {
  const match = (mail.text ?? "").match(pattern);
  expect(match, `${pattern} in ${mail.text}`).not.toBeNull();
  return match![0];
}

test("a resident confirms their address from the email, gets the receipt, and can stop the emails", async ({
  page,
}) => {
  await useOwnAddress(page);
  await page.setViewportSize({ width: 360, height: 740 });
  const email = `resident.${test.info().project.name.replace(/\W+/g, "-")}@example.cn`;

  await page.goto("/request/new");
  await page.getByLabel(/^咨询/).check();
  await page.getByLabel("派出所", { exact: true }).selectOption({ label: "月望派出所" });
  await page.getByLabel("标题", { exact: true }).fill("办理居住证需要什么材料");
  await page.getByLabel("具体情况（4000 字以内）").fill("想咨询办理居住证需要带哪些材料。");
  await page.getByLabel("邮箱", { exact: true }).fill(email);
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "诉求已提交" })).toBeVisible();
  const reference = (await page.locator("#receipt-reference").textContent())!.trim();
  const code = (await page.locator("#receipt-code").textContent())!.trim();

  // First only the request to confirm the address.
  const confirmation = await waitForMail(email, /请确认您的邮箱地址/);
  expect(confirmation.text).toContain(reference);
  await page.goto(link(confirmation, /https?:\/\/\S+\/mail\/confirm\/[0-9a-f]{32}/));
  await expect(page.getByRole("heading", { level: 1, name: "确认邮箱地址" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "确认", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "邮箱地址已确认" })).toBeVisible();

  // Then the receipt, whose code and link open the case.
  const receipt = await waitForMail(email, new RegExp(`已收到您的诉求 ${reference}`));
  expect(receipt.text).toContain(`查询码：${code}`);
  // It greets the resident and ends with the station handling the request and its phone.
  expect(receipt.text.startsWith("您好，")).toBe(true);
  expect(receipt.text).toContain("月望派出所　电话：0000-1100002");
  expect(receipt.html).toContain(reference);
  await page.goto(link(receipt, /https?:\/\/\S+\/track\/KM-\d{4}-\d{6}/));
  await page.getByLabel("查询码", { exact: true }).fill(code);
  await page.getByRole("button", { name: "查看进度" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(reference) })).toBeVisible();

  // Every message can stop them, without signing in.
  const header = (key: string) => receipt.headerLines.find((h) => h.key === key)?.line;
  expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  expect(header("list-unsubscribe")).toMatch(/^List-Unsubscribe: <http:\/\/\S+\/mail\/unsubscribe\/[0-9a-f]{32}>$/);
  await page.goto(link(receipt, /https?:\/\/\S+\/mail\/unsubscribe\/[0-9a-f]{32}/));
  await page.getByRole("button", { name: "退订" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "已退订" })).toBeVisible();
});
