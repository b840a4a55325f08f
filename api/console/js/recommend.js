// recommend.js -- the worker's recommended trainings (each with its ranking
// factors and subsidy decision) and recommended jobs, as returned by
// GET /v1/workers/{id}/recommendations/{trainings,jobs}.
import { describe, get, seg, withQuery } from "./api.js";
import { facts, fill, fixed, h, yuan } from "./dom.js";
import { factorTable, subsidyDecision } from "./explain.js";
import { EMPLOYMENT_TYPE, LEVEL, MODE, SCHEDULE, label, labels } from "./labels.js";

const km = (d) => (typeof d === "number" ? `${fixed(d, 1)} 公里` : "—");

function trainingItem(item, index, onEnroll) {
  const p = item.project;
  const s = item.subsidy ?? {};
  const a = s.amounts ?? {};
  return h("article", { class: "rec", "data-testid": "training" },
    h("header", {},
      h("span", { class: "rank" }, String(index + 1)),
      h("div", { class: "title" },
        h("strong", {}, p.title),
        h("small", {}, `${item.institution_name ?? p.institution_id} · ${p.id}`)),
      h("span", { class: "score", title: "综合得分" }, fixed(item.score, 3))),
    facts([
      ["职业", p.occupation_code],
      ["等级", label(LEVEL, p.level)],
      ["方式", `${label(MODE, p.mode)} · ${labels(SCHEDULE, p.schedule)}`],
      ["时间", `${p.start_date} 至 ${p.end_date}（${p.hours} 学时）`],
      ["距离", km(item.distance_km)],
      ["剩余名额", `${item.seats_left} / ${p.seats}`],
      ["培训费", yuan(p.fee_yuan)],
      ["补贴", s.eligible ? `${yuan(a.subsidy_yuan)}，个人自付 ${yuan(a.worker_pays_yuan)}` : "不符合补贴条件"],
      ["订单班", (p.linked_vacancy_ids ?? []).length ? `是，对接岗位 ${p.linked_vacancy_ids.join("、")}` : ""],
    ]),
    h("details", { class: "why", open: index === 0 },
      h("summary", {}, "推荐理由与补贴说明"),
      h("h4", {}, "排序因素"),
      factorTable(item.factors ?? []),
      h("h4", {}, "补贴判定"),
      subsidyDecision(s)),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "secondary", onclick: () => onEnroll(p) }, "登记报名")));
}

// Loads the trainings into `box`. Returns the list's decision day (as_of),
// the server's notion of today, for the default dates of the outcome form.
// A counselor explains a recommendation to the worker, so the console asks
// for the full form (every factor's detail, every rule with its citation);
// the API's default list form is the brief one the mini-program reads.
export async function loadTrainings(box, workerId, includeIneligible, onEnroll, fail) {
  fill(box, h("p", { class: "muted" }, "正在计算推荐…"));
  try {
    const list = await get(withQuery(`/v1/workers/${seg(workerId)}/recommendations/trainings`,
      { k: 10, include_ineligible: includeIneligible ? "true" : "", detail: "full" }));
    fill(box,
      h("p", { class: "muted" }, `从 ${list.candidates} 个候选项目中选出 ${list.items.length} 个`),
      list.items.length === 0 ? h("p", {}, "暂无可推荐的培训项目。") : null,
      list.items.map((item, i) => trainingItem(item, i, onEnroll)));
    return list.items[0]?.subsidy?.as_of ?? "";
  } catch (e) {
    fill(box, h("p", { class: "error" }, describe(e)));
    fail(e);
    return "";
  }
}

function jobItem(item, index) {
  const v = item.vacancy;
  return h("article", { class: "rec", "data-testid": "job" },
    h("header", {},
      h("span", { class: "rank" }, String(index + 1)),
      h("div", { class: "title" },
        h("strong", {}, v.title, item.order_class ? h("span", { class: "badge priority" }, "订单班岗位") : null),
        h("small", {}, `${v.employer} · ${v.id}`)),
      h("span", { class: "score", title: "综合得分" }, fixed(item.score, 3))),
    facts([
      ["月薪", `${v.salary_min}–${v.salary_max} 元`],
      ["用工", label(EMPLOYMENT_TYPE, v.employment_type)],
      ["招聘人数", v.headcount],
      ["地区", v.region],
      ["距离", km(item.distance_km)],
      ["截止", v.expiry_date],
    ]),
    h("details", { class: "why" }, h("summary", {}, "推荐理由"), factorTable(item.factors ?? [])));
}

export async function loadJobs(box, workerId, fail) {
  fill(box, h("p", { class: "muted" }, "正在计算推荐…"));
  try {
    const list = await get(withQuery(`/v1/workers/${seg(workerId)}/recommendations/jobs`, { k: 10 }));
    fill(box,
      list.items.length === 0 ? h("p", {}, "暂无可推荐的岗位。") : null,
      list.items.map(jobItem));
  } catch (e) {
    fill(box, h("p", { class: "error" }, describe(e)));
    fail(e);
  }
}
