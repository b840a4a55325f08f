// The counselor console in headless Chromium, against the server that
// run_console_test.sh started on the generated small world (seed 1):
//   - a counselor key of one worker's region signs in and sees that region's
//     workers, masked;
//   - the worker's recommended trainings show each ranking factor and the
//     subsidy decision: amounts, amounts by outcome, every rule with its
//     document and clause (checked against the API's own answer);
//   - an API error is shown in Chinese with its field;
//   - recording the completion of the worker's order class (employment none)
//     puts the trainee's jobs in the feed, and acknowledging marks them read;
//   - a vacancy's candidates and the region's supply-vs-demand chart show
//     what the API returns;
//   - a counselor key of another region is refused (403) on that worker;
//   - at phone width (375 px) the page does not scroll sideways.
// Screenshots go to QC_ARTIFACTS. Inputs come from the environment (see the
// runner); the admin key never appears on a command line.
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through run_console_test.sh)`);
  return v;
};
const BASE = env("QC_BASE_URL");
const ADMIN = env("QC_ADMIN_KEY");
const WORLD = env("QC_WORLD");
const TODAY = env("QC_TODAY");
const ARTIFACTS = env("QC_ARTIFACTS");
const PROFILE = env("QC_PROFILE");
const { chromium } = createRequire(path.join(env("QC_NODE_DIR"), "package.json"))("playwright-core");

const FULL_ID = /\d{17}[\dX]/;
const FULL_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

function readNdjson(kind) {
  return fs.readFileSync(path.join(WORLD, `${kind}.ndjson`), "utf8")
    .split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
}

async function api(method, urlPath, key, body) {
  const res = await fetch(BASE + urlPath, {
    method,
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  return { status: res.status, data };
}

// The first outcome (by id) of a real-name worker still in training in an
// order class (a project with linked vacancies) whose linked vacancies are
// open: completing it must push the order-class jobs to the feed.
function chooseEnrollment() {
  const projects = new Map(readNdjson("training-projects").map((p) => [p.id, p]));
  const vacancies = new Map(readNdjson("vacancies").map((v) => [v.id, v]));
  const workers = new Map(readNdjson("workers").map((w) => [w.id, w]));
  const open = (id) => {
    const v = vacancies.get(id);
    return v && (v.status ?? "open") === "open" && v.posted_date <= TODAY && v.expiry_date >= TODAY;
  };
  const outcomes = readNdjson("outcomes").sort((a, b) => a.id.localeCompare(b.id));
  for (const o of outcomes) {
    const p = projects.get(o.project_id);
    const w = workers.get(o.worker_id);
    if (o.completed || !p || !w || !w.real_name_verified || o.enrolled_date > TODAY) continue;
    if ((p.linked_vacancy_ids ?? []).some(open)) return { outcome: o, project: p, worker: w, workers };
  }
  throw new Error("the world has no open order-class enrollment to complete");
}

// A district of the world other than `region` and not inside the same city.
function otherRegion(workers, region) {
  for (const w of workers.values()) {
    if (w.region.slice(0, 4) !== region.slice(0, 4)) return w.region;
  }
  throw new Error("the world has a single city");
}

async function counselorKey(regions) {
  const { status, data } = await api("POST", "/v1/keys", ADMIN, { role: "counselor", regions });
  assert.equal(status, 201, `POST /v1/keys: ${JSON.stringify(data)}`);
  return data.key;
}

let step = 0;
function ok(what) {
  console.log(`ok ${++step} - ${what}`);
}

async function signIn(page, key) {
  await page.goto(BASE + "/");
  await page.locator("#signin").waitFor();
  await page.fill("#key", key);
  await page.click("#signin button[type=submit]");
  assert.ok(!page.url().includes(key), "the key must never be in the URL");
}

async function noFullContacts(page, where) {
  const text = await page.locator("body").innerText();
  assert.doesNotMatch(text, FULL_ID, `${where}: a full ID number is on the page`);
  assert.doesNotMatch(text, FULL_PHONE, `${where}: a full phone number is on the page`);
}

async function checkWorkerList(page, region) {
  const rows = page.locator("[data-testid=workers] tbody tr");
  await rows.first().waitFor();
  const regions = await page.locator("[data-testid=workers] tbody tr td:nth-child(3)").allInnerTexts();
  assert.ok(regions.length > 0);
  for (const r of regions) assert.equal(r.trim().replace(/^地区\s*/, ""), region);
  await noFullContacts(page, "worker list");
  ok(`the counselor's list holds ${regions.length} workers, all of region ${region}, masked`);
}

async function checkRecommendation(page, workerId, key) {
  const first = page.locator("[data-testid=training]").first();
  await first.waitFor({ timeout: 60000 });
  const { status, data } = await api("GET",
    `/v1/workers/${workerId}/recommendations/trainings?k=10&detail=full`, key);
  assert.equal(status, 200);
  const item = data.items[0];
  assert.ok(item, "the worker has a recommendation");
  const card = await first.innerText();
  assert.ok(card.includes(item.project.title), "the first card is the API's first item");
  // Every factor, by its Chinese name, with its detail.
  const factorRows = first.locator("table.factors tbody tr");
  assert.equal(await factorRows.count(), item.factors.length);
  for (const f of item.factors) assert.ok(card.includes(f.detail), `factor detail ${f.detail}`);
  assert.ok(card.includes("意愿匹配度"), "factor names are in Chinese");
  // Every rule with its document and clause, passed or failed.
  const rules = first.locator("[data-testid=rules] tbody tr");
  assert.equal(await rules.count(), item.subsidy.reasons.length);
  const ruleText = await first.locator("[data-testid=rules]").innerText();
  for (const r of item.subsidy.reasons) {
    assert.ok(ruleText.includes(r.rule), `rule ${r.rule}`);
    assert.ok(ruleText.includes(`条款 ${r.clause}`), `clause ${r.clause} of ${r.rule}`);
    assert.ok(ruleText.includes(r.message), `message of ${r.rule}`);
  }
  assert.ok(/✓ 符合/.test(ruleText), "passed rules are marked");
  // The amounts, and the amount by each employment outcome.
  const a = item.subsidy.amounts;
  const yuan = (n) => `${n.toLocaleString("zh-CN", { maximumFractionDigits: 2 })} 元`;
  const subsidyText = await first.locator("[data-testid=subsidy]").innerText();
  for (const [label, n] of [["培训补贴", a.subsidy_yuan], ["基础补贴标准", a.base_yuan],
    ["个人自付", a.worker_pays_yuan]]) {
    assert.ok(subsidyText.includes(label) && subsidyText.includes(yuan(n)), `${label} ${yuan(n)}`);
  }
  const byOutcome = await first.locator("[data-testid=by-outcome]").innerText();
  for (const [label, n] of [["未就业", a.by_outcome.none], ["灵活就业", a.by_outcome.flexible],
    ["稳定就业", a.by_outcome.stable]]) {
    assert.ok(byOutcome.includes(label) && byOutcome.includes(yuan(n)), `${label} ${yuan(n)}`);
  }
  ok(`recommendation "${item.project.title}" shows ${item.factors.length} factors, `
    + `${item.subsidy.reasons.length} rules with clauses, subsidy ${yuan(a.subsidy_yuan)}`);
  return first;
}

async function recordCompletion(page, enrollment) {
  const form = page.locator("[data-testid=outcome-form]");
  const row = page.locator("[data-testid=outcomes] tbody tr", { hasText: enrollment.project.id });
  await row.getByRole("button", { name: "修改" }).click();
  assert.equal(await form.locator("[name=id]").inputValue(), enrollment.outcome.id);
  await form.locator("[name=completed]").check();
  await form.locator("[name=completion_date]").fill(TODAY);
  // First a mistake the server refuses: employed without an employment date.
  await form.locator("[name=employment]").selectOption("stable");
  await form.locator("[name=employment_date]").fill("");
  await form.getByRole("button", { name: "保存记录" }).click();
  const notice = page.locator("#notice.error");
  await notice.waitFor();
  const error = await notice.innerText();
  assert.ok(error.includes("请求内容有误") && error.includes("字段：employment_date（就业日期）"),
    `the error names the field in Chinese: ${error}`);
  ok(`a refused write shows: ${error}`);
  // Then the real outcome: completed, not employed.
  await form.locator("[name=employment]").selectOption("none");
  await form.getByRole("button", { name: "保存记录" }).click();
  await page.locator("[data-testid=outcome-status]", { hasText: "已保存" }).waitFor();
  ok(`recorded ${enrollment.outcome.id}: completed ${TODAY}, employment none`);
}

async function checkFeed(page, enrollment, key) {
  const jobRow = page.locator("[data-testid=feed] tbody tr", { hasText: "培训结业" }).first();
  await jobRow.waitFor();
  const { data } = await api("GET", `/v1/workers/${enrollment.worker.id}/feed`, key);
  const pushed = data.items.filter((f) => f.event === "training_completed" && f.kind === "job");
  assert.ok(pushed.length > 0, "the completion pushed jobs");
  const linked = new Set(enrollment.project.linked_vacancy_ids);
  assert.ok(pushed.some((f) => linked.has(f.target_id) && f.reason.startsWith("订单班结业")),
    "an order-class job of the class is pushed");
  const feedText = await page.locator("[data-testid=feed]").innerText();
  for (const f of pushed) assert.ok(feedText.includes(f.target_id), `feed shows ${f.target_id}`);
  ok(`the feed shows ${pushed.length} pushed jobs, incl. the order class's`);
  await page.getByRole("button", { name: "全部标为已读" }).click();
  await page.locator("[data-testid=feed] tbody tr", { hasText: "未读" }).first()
    .waitFor({ state: "detached" });
  const after = await api("GET", `/v1/workers/${enrollment.worker.id}/feed`, key);
  assert.ok(after.data.items.every((f) => f.acked), "the server has them acknowledged");
  ok("acknowledging marks the feed read on the server");
}

async function checkCandidatesAndSupply(page, enrollment, key) {
  const vacancyId = enrollment.project.linked_vacancy_ids[0];
  const { data } = await api("GET", `/v1/vacancies/${vacancyId}/candidates?k=20`, key);
  await page.evaluate((id) => { location.hash = `#/vacancies/${encodeURIComponent(id)}`; }, vacancyId);
  await page.locator("h2.page-title").waitFor();
  await page.locator(".card h3", { hasText: "候选人" }).waitFor();
  const shown = await page.locator("[data-testid=candidate] .title a").allInnerTexts();
  assert.deepEqual(shown, data.items.map((c) => c.worker.id), "the page lists the API's candidates");
  ok(`vacancy ${vacancyId}: ${shown.length} candidates of the counselor's region, in rank order`);

  const region = enrollment.worker.region;
  const view = await api("GET", `/v1/analytics/supply-demand?region=${region}`, key);
  assert.equal(view.status, 200);
  await page.evaluate((r) => { location.hash = `#/supply-demand/${r}`; }, region);
  const chart = page.locator("[data-testid=supply-chart]");
  await chart.waitFor();
  const bars = await chart.locator("rect.demand").count();
  assert.ok(bars > 1, "the chart draws demand bars");
  assert.equal(await page.locator("table.supply tbody tr").count(), view.data.rows.length);
  const first = view.data.rows[0];
  assert.ok((await chart.innerHTML()).includes(first.occupation_name), "the largest gap is drawn");
  ok(`supply vs demand of ${region}: ${view.data.rows.length} occupations, ${bars - 1} drawn`);
}

async function checkOtherRegion(page, workerId, key) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.locator("#signin").waitFor();
  await signIn(page, key);
  await page.evaluate((id) => { location.hash = `#/workers/${encodeURIComponent(id)}`; }, workerId);
  const error = page.locator("[data-testid=worker-error]");
  await error.waitFor();
  const text = await error.innerText();
  assert.ok(text.includes("无权限") && text.includes("403"), `refused in Chinese: ${text}`);
  assert.equal(await page.locator("[data-testid=training]").count(), 0);
  ok(`another region's counselor is refused: ${text}`);
}

async function checkPhoneWidth(context, key, workerId) {
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 375, height: 812 });
  await signIn(phone, key);
  await phone.evaluate((id) => { location.hash = `#/workers/${encodeURIComponent(id)}`; }, workerId);
  await phone.locator("[data-testid=training]").first().waitFor({ timeout: 60000 });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 376, `no sideways scroll at 375 px (page is ${overflow} px wide)`);
  const shot = path.join(ARTIFACTS, "console-phone.png");
  await phone.locator("[data-testid=training]").first().evaluate((e) => e.scrollIntoView());
  await phone.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);
  ok("at 375 px the worker page fits the width");
  await phone.close();
}

async function main() {
  const enrollment = chooseEnrollment();
  const region = enrollment.worker.region;
  const own = await counselorKey([region]);
  const other = await counselorKey([otherRegion(enrollment.workers, region)]);
  ok(`counselor keys for ${region} (worker ${enrollment.worker.id}) and another region`);

  fs.rmSync(PROFILE, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(PROFILE, {
    executablePath: env("QC_CHROMIUM"),
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1366, height: 1000 },
    locale: "zh-CN",
  });
  context.setDefaultTimeout(30000);
  const pageErrors = [];
  try {
    const page = context.pages()[0] ?? await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await signIn(page, own);
    await checkWorkerList(page, region);

    await page.fill("input[name=worker-id]", enrollment.worker.id);
    await page.getByRole("button", { name: "打开", exact: true }).click();
    const first = await checkRecommendation(page, enrollment.worker.id, own);
    await noFullContacts(page, "worker page");
    // The recommendation with its whole explanation, as one image.
    const shot = path.join(ARTIFACTS, "console.png");
    await first.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);

    await recordCompletion(page, enrollment);
    await checkFeed(page, enrollment, own);
    await checkCandidatesAndSupply(page, enrollment, own);
    await checkPhoneWidth(context, own, enrollment.worker.id);
    await checkOtherRegion(page, enrollment.worker.id, other);
    assert.deepEqual(pageErrors, [], "no script errors in the page");
  } finally {
    await context.close();
  }
  console.log(`console_browser_test: ${step} passed, 0 failed`);
}

main().catch((e) => {
  console.error(e);
  console.log(`console_browser_test: ${step} passed, 1 failed`);
  process.exit(1);
});
