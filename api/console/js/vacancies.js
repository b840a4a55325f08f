// vacancies.js -- vacancies of the key's regions and, for one vacancy, its
// candidates (GET /v1/vacancies/{id}/candidates): workers ranked for it, each
// with the factors that ranked them. A counselor's candidates are only
// workers of their regions (the server filters).
import { describe, get, seg, withQuery } from "./api.js";
import { card, fill, fixed, h, table } from "./dom.js";
import { factorTable } from "./explain.js";
import { EMPLOYMENT_STATUS, EMPLOYMENT_TYPE, GROUPS, label, labels } from "./labels.js";

function openForm(placeholder, go) {
  const input = h("input", { type: "text", placeholder, "aria-label": placeholder, autocomplete: "off" });
  return h("form", { class: "inline", onsubmit: (e) => {
    e.preventDefault();
    if (input.value.trim()) go(input.value.trim());
  } }, input, h("button", { type: "submit" }, "查看候选人"));
}

export async function vacanciesView(main, ctx) {
  const list = h("div", {}, h("p", { class: "muted" }, "正在读取…"));
  fill(main,
    card("按岗位编号查看候选人",
      openForm("岗位编号", (id) => { location.hash = `#/vacancies/${encodeURIComponent(id)}`; })),
    card("我负责地区的岗位", list));
  try {
    const page = await get(withQuery("/v1/vacancies", { limit: 100 }));
    fill(list, table([
      ["岗位", (v) => h("a", { href: `#/vacancies/${encodeURIComponent(v.id)}` }, v.title)],
      ["用人单位", (v) => v.employer],
      ["地区", (v) => v.region],
      ["人数", (v) => v.headcount, "num"],
      ["用工", (v) => label(EMPLOYMENT_TYPE, v.employment_type)],
      ["状态", (v) => (v.status === "open" ? "招聘中" : "已关闭")],
    ], page.items, { class: "vacancies" }));
  } catch (e) {
    fill(list, h("p", { class: "error" }, describe(e)));
    ctx.fail(e);
  }
}

export async function candidatesView(main, ctx, vacancyId) {
  fill(main, h("p", { class: "muted" }, "正在读取…"));
  try {
    const [v, list] = await Promise.all([
      get(`/v1/vacancies/${seg(vacancyId)}`),
      get(withQuery(`/v1/vacancies/${seg(vacancyId)}/candidates`, { k: 20 })),
    ]);
    fill(main,
      h("h2", { class: "page-title" }, v.title, h("small", {}, ` ${v.employer} · ${v.id}`)),
      card(`候选人（从 ${list.candidates} 人中选出 ${list.items.length} 人）`,
        list.items.length === 0 ? h("p", {}, "没有本地区的合适人选。") : null,
        list.items.map((c, i) => h("article", { class: "rec", "data-testid": "candidate" },
          h("header", {},
            h("span", { class: "rank" }, String(i + 1)),
            h("div", { class: "title" },
              h("a", { href: `#/workers/${encodeURIComponent(c.worker.id)}` }, c.worker.id),
              h("small", {}, ` ${c.worker.id_masked ?? ""} · ${labels(GROUPS, c.worker.groups) || "—"} · `
                + `${label(EMPLOYMENT_STATUS, c.worker.employment_status)}`
                + (typeof c.distance_km === "number" ? ` · ${fixed(c.distance_km, 1)} 公里` : ""))),
            h("span", { class: "score" }, fixed(c.score, 3))),
          h("details", { class: "why" }, h("summary", {}, "匹配理由"), factorTable(c.factors ?? []))))));
  } catch (e) {
    fill(main, card(`岗位 ${vacancyId}`, h("p", { class: "error" }, describe(e))));
    ctx.fail(e);
  }
}
