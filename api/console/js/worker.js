// worker.js -- one worker: the masked profile, subsidy history, enrollments
// and outcomes (with the form that records them), recommended trainings and
// jobs, and the push feed. The profile is read first: a key outside the
// worker's region gets the server's 403 there and nothing else is asked.
import { describe, get, seg, withQuery } from "./api.js";
import { card, facts, fill, h, table, yuan } from "./dom.js";
import { loadFeed } from "./feed.js";
import {
  EDUCATION, EMPLOYMENT_STATUS, GROUPS, HUKOU_TYPE, LEVEL, MODE, OUTCOME_EMPLOYMENT,
  SCHEDULE, SUBSIDY_KIND, label, labels,
} from "./labels.js";
import { outcomeForm } from "./outcome.js";
import { loadJobs, loadTrainings } from "./recommend.js";

function profile(w) {
  const wishes = w.wishes ?? {};
  return facts([
    ["编号", w.id],
    ["证件号（脱敏）", w.id_masked || "—"],
    ["手机号（脱敏）", w.phone_masked || "—"],
    ["出生年份", w.birth_year],
    ["实名登记", w.real_name_verified ? "已实名" : "未实名（不能享受补贴）"],
    ["学历", label(EDUCATION, w.education)],
    ["常住地区", w.region],
    ["户籍", [w.hukou_region, label(HUKOU_TYPE, w.hukou_type)].filter(Boolean).join(" ")],
    ["重点人群", labels(GROUPS, w.groups) || "—"],
    ["就业状态", label(EMPLOYMENT_STATUS, w.employment_status)],
    ["失业保险", w.unemployment_insured ? "参保" : "未参保"],
    ["技能", (w.skills ?? []).join("、")],
    ["证书", (w.certificates ?? []).map((c) =>
      `${c.occupation_code} ${label(LEVEL, c.level)}（${c.date}）`).join("；")],
    ["培训意愿", [(wishes.occupation_codes ?? []).join("、"), wishes.text,
      labels(MODE, wishes.modes), labels(SCHEDULE, wishes.schedules),
      wishes.max_distance_km ? `${wishes.max_distance_km} 公里内` : ""].filter(Boolean).join("；")],
  ]);
}

function subsidyHistory(w) {
  const rows = w.subsidy_history ?? [];
  if (rows.length === 0) return h("p", { class: "muted" }, "没有补贴记录。");
  return table([
    ["日期", (s) => s.date],
    ["类别", (s) => label(SUBSIDY_KIND, s.kind)],
    ["职业", (s) => s.occupation_code],
    ["等级", (s) => label(LEVEL, s.level)],
    ["金额", (s) => yuan(s.amount_yuan), "num"],
    ["培训券", (s) => s.voucher_id ?? ""],
  ], rows, { class: "history" });
}

// The worker's outcomes: the outcome list is region-scoped by the server, so
// walk its pages and keep this worker's rows.
async function workerOutcomes(workerId) {
  const mine = [];
  let cursor = "";
  for (let page = 0; page < 50; ++page) {
    const reply = await get(withQuery("/v1/outcomes", { limit: 1000, cursor }));
    mine.push(...reply.items.filter((o) => o.worker_id === workerId));
    cursor = reply.next_cursor ?? "";
    if (!cursor) break;
  }
  return mine;
}

async function loadOutcomes(box, workerId, onEdit, fail) {
  try {
    const rows = await workerOutcomes(workerId);
    fill(box, rows.length === 0 ? h("p", { class: "muted" }, "没有报名或结业记录。") : table([
      ["培训项目", (o) => o.project_id],
      ["报名", (o) => o.enrolled_date],
      ["结业", (o) => (o.completed ? o.completion_date : "在训")],
      ["证书", (o) => label(LEVEL, o.certificate_level) || "—"],
      ["就业", (o) => [label(OUTCOME_EMPLOYMENT, o.employment), o.employer].filter(Boolean).join(" ")],
      ["", (o) => h("button", { type: "button", class: "secondary small", onclick: () => onEdit(o) }, "修改")],
    ], rows, { class: "outcomes", "data-testid": "outcomes" }));
  } catch (e) {
    fill(box, h("p", { class: "error" }, describe(e)));
    fail(e);
  }
}

// Cards carry their name so the phone layout can reorder them (console.css).
function tagged(name, el) {
  el.classList.add(`card-${name}`);
  return el;
}

export async function workerView(main, ctx, workerId) {
  fill(main, h("p", { class: "muted" }, "正在读取…"));
  let worker;
  try {
    worker = await get(`/v1/workers/${seg(workerId)}`);
  } catch (e) {
    fill(main, card(`劳动者 ${workerId}`,
      h("p", { class: "error", "data-testid": "worker-error" }, describe(e))));
    ctx.fail(e);
    return;
  }
  ctx.region(worker.region);
  let asOf = "";
  const today = () => asOf || new Date().toISOString().slice(0, 10);
  const boxes = { outcomes: h("div", {}), trainings: h("div", {}), jobs: h("div", {}), feed: h("div", {}) };
  const refreshAfterWrite = () => {
    loadOutcomes(boxes.outcomes, workerId, form.fill, ctx.fail);
    loadFeed(boxes.feed, workerId, ctx.fail);
    loadJobs(boxes.jobs, workerId, ctx.fail);
  };
  const form = outcomeForm(workerId, today, (reply) => {
    ctx.note(`已保存报名/结业记录 ${reply.id}`);
    refreshAfterWrite();
  }, ctx.fail);
  const enroll = (project) => {
    form.fill({ project_id: project.id });
    form.element.scrollIntoView({ behavior: "smooth", block: "center" });
  };
  const ineligible = h("input", { type: "checkbox", name: "include_ineligible" });
  const trainings = async () => {
    asOf = (await loadTrainings(boxes.trainings, workerId, ineligible.checked, enroll, ctx.fail)) || asOf;
  };
  ineligible.addEventListener("change", trainings);

  fill(main,
    h("h2", { class: "page-title" }, `劳动者 ${worker.id}`, h("small", {}, ` ${worker.id_masked ?? ""}`)),
    h("div", { class: "worker-grid" },
      h("div", { class: "col-side" },
        tagged("profile", card("基本信息（已脱敏）", profile(worker))),
        tagged("history", card("补贴记录", subsidyHistory(worker))),
        tagged("outcomes", card("报名与结业", boxes.outcomes,
          h("h4", {}, "登记报名或结业、就业结果"), form.element)),
        tagged("feed", card("推送消息", boxes.feed))),
      h("div", { class: "col-main" },
        tagged("trainings", card("推荐培训",
          h("label", { class: "check" }, ineligible, "同时显示不符合补贴条件的项目"),
          boxes.trainings)),
        tagged("jobs", card("推荐岗位", boxes.jobs)))));
  await Promise.all([
    trainings(),
    loadJobs(boxes.jobs, workerId, ctx.fail),
    loadFeed(boxes.feed, workerId, ctx.fail),
    loadOutcomes(boxes.outcomes, workerId, form.fill, ctx.fail),
  ]);
}
