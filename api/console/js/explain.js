// explain.js -- renders what the engine returned as the reason for a ranking
// (factors[]: name, value, weight, contribution, detail) and a subsidy
// decision (amounts, by_outcome, every rule with its document and clause).
// It shows the numbers that ranked and decided; it recomputes nothing.
import { fixed, h, table, yuan } from "./dom.js";
import { AMOUNT, FACTOR, OUTCOME_EMPLOYMENT, RULE, label } from "./labels.js";

export function factorTable(factors) {
  const top = Math.max(1e-9, ...factors.map((f) => Math.abs(f.contribution ?? 0)));
  return table([
    ["因素", (f) => h("span", { title: f.name }, label(FACTOR, f.name))],
    ["取值", (f) => fixed(f.value, 3), "num"],
    ["权重", (f) => fixed(f.weight, 2), "num"],
    ["贡献", (f) => h("span", { class: "contribution" },
      h("span", { class: "bar", style: `width:${Math.round(48 * Math.abs(f.contribution) / top)}px` }),
      fixed(f.contribution, 3)), "num"],
    ["说明", (f) => f.detail],
  ], factors, { class: "factors" });
}

function policyTitle(decision, doc) {
  const p = (decision.policies ?? []).find((x) => x.doc === doc);
  if (!p) return doc;
  return p.number ? `${p.title}（${p.number}）` : p.title;
}

function amountRows(a) {
  const rows = [
    [AMOUNT.base_yuan, yuan(a.base_yuan)],
    [AMOUNT.shortage_uplift_yuan, a.shortage_uplift_yuan
      ? `${yuan(a.shortage_uplift_yuan)}（系数 ${fixed(a.shortage_factor)}）` : yuan(0)],
    [AMOUNT.online_factor, fixed(a.online_factor)],
    [AMOUNT.subsidy_yuan, yuan(a.subsidy_yuan)],
  ];
  if (a.living_allowance_yuan) rows.push([AMOUNT.living_allowance_yuan, yuan(a.living_allowance_yuan)]);
  if (a.transport_allowance_yuan) rows.push([AMOUNT.transport_allowance_yuan, yuan(a.transport_allowance_yuan)]);
  if (a.skill_upgrade_yuan) rows.push([AMOUNT.skill_upgrade_yuan, yuan(a.skill_upgrade_yuan)]);
  rows.push([AMOUNT.worker_pays_yuan, yuan(a.worker_pays_yuan)]);
  return rows;
}

// The whole decision: verdict, amounts, amounts by outcome, then every rule.
export function subsidyDecision(decision) {
  const a = decision.amounts ?? {};
  const by = a.by_outcome ?? {};
  const verdict = decision.eligible
    ? h("span", { class: "badge ok" }, "可享受培训补贴")
    : h("span", { class: "badge no" }, "不符合补贴条件");
  return h("div", { class: "subsidy", "data-testid": "subsidy" },
    h("p", { class: "verdict" }, verdict,
      decision.priority ? h("span", { class: "badge priority" }, "重点群体/领域优先") : null,
      h("small", {}, ` 判定日期 ${decision.as_of ?? ""}`)),
    h("div", { class: "amounts" },
      h("dl", { class: "facts amounts-list" },
        amountRows(a).map(([k, v]) => [h("dt", {}, k), h("dd", { class: "num" }, v)])),
      h("div", { class: "by-outcome", "data-testid": "by-outcome" },
        h("h4", {}, "按培训后就业结果给付"),
        h("ul", {}, ["none", "flexible", "stable"].map((k) =>
          h("li", {}, h("span", {}, label(OUTCOME_EMPLOYMENT, k)), h("b", {}, yuan(by[k]))))))),
    h("h4", {}, "适用的政策规则"),
    table([
      ["规则", (r) => h("span", { title: r.kind ?? "" }, h("b", {}, r.rule), " ", RULE[r.rule] ?? "")],
      ["结果", (r) => r.passed
        ? h("span", { class: "pass" }, "✓ 符合")
        : h("span", { class: "fail" }, "✗ 不符合")],
      ["依据", (r) => h("span", { title: r.quote ?? "" }, policyTitle(decision, r.doc),
        h("span", { class: "clause" }, ` 条款 ${r.clause}`))],
      ["说明", (r) => r.message],
    ], decision.reasons ?? [], { class: "rules", "data-testid": "rules" }));
}
