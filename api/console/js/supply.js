// supply.js -- supply vs demand of one region (GET /v1/analytics/supply-demand)
// drawn as inline SVG: per occupation, the open headcount of vacancies
// (demand) against open training seats plus active trainees (supply). The
// server sorts rows by gap, largest first; the chart shows the largest
// shortfalls and surpluses, the table below lists every row. No chart
// library: the console has no build step and its machines may have no internet.
import { describe, get, withQuery } from "./api.js";
import { card, fill, h, table } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const UNDER = 8, OVER = 4;  // rows drawn of each kind
const W = 360, LABEL_H = 16, BAR_H = 10, ROW_H = LABEL_H + 2 * BAR_H + 12, HEADING_H = 26;

function s(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

const supplyOf = (r) => r.open_seats + (r.trainees_active ?? 0);

// The rows worth a picture: the largest shortfalls, then the largest
// surpluses (rows come sorted by gap, largest first).
function pick(rows) {
  const under = rows.filter((r) => r.gap > 0).slice(0, UNDER);
  const over = rows.filter((r) => r.gap < 0).slice(-OVER).reverse();
  return [["供不应求：缺口最大的职业", under], ["供大于求：培训供给多于岗位的职业", over]]
    .filter(([, group]) => group.length > 0);
}

function bars(r, y, scale) {
  const g = s("g", {});
  g.append(
    s("title", {}, `${r.occupation_name} ${r.occupation_code}：需求 ${r.open_headcount}，`
      + `名额 ${r.open_seats}，在训 ${r.trainees_active ?? "少于5"}，缺口 ${r.gap}`),
    s("text", { x: 0, y: y + 11, class: "name" },
      `${r.occupation_name}${r.shortage_rank ? `（紧缺第${r.shortage_rank}）` : ""}`),
    s("rect", { x: 0, y: y + LABEL_H, width: scale(r.open_headcount), height: BAR_H, class: "demand" }),
    s("text", { x: scale(r.open_headcount) + 4, y: y + LABEL_H + 9, class: "value" }, r.open_headcount),
    s("rect", { x: 0, y: y + LABEL_H + BAR_H + 2, width: scale(r.open_seats), height: BAR_H, class: "seats" }),
    s("rect", { x: scale(r.open_seats), y: y + LABEL_H + BAR_H + 2,
      width: scale(r.trainees_active ?? 0), height: BAR_H, class: "active" }),
    s("text", { x: scale(supplyOf(r)) + 4, y: y + LABEL_H + 2 * BAR_H + 1, class: "value" },
      `${supplyOf(r)}（缺口 ${r.gap}）`));
  return g;
}

export function chart(rows) {
  const groups = pick(rows);
  const shown = groups.flatMap(([, group]) => group);
  const max = Math.max(1, ...shown.map((r) => Math.max(r.open_headcount, supplyOf(r))));
  const scale = (n) => ((W - 90) * n) / max;
  const height = 24 + groups.length * HEADING_H + shown.length * ROW_H;
  const svg = s("svg", { viewBox: `0 0 ${W} ${height}`, role: "img", class: "chart",
    "aria-label": "各职业岗位需求与培训供给对比", "data-testid": "supply-chart" });
  svg.append(
    s("rect", { x: 0, y: 4, width: 10, height: 10, class: "demand" }),
    s("text", { x: 14, y: 13, class: "legend" }, "岗位需求（招聘人数）"),
    s("rect", { x: 150, y: 4, width: 10, height: 10, class: "seats" }),
    s("text", { x: 164, y: 13, class: "legend" }, "培训名额"),
    s("rect", { x: 230, y: 4, width: 10, height: 10, class: "active" }),
    s("text", { x: 244, y: 13, class: "legend" }, "在训人数"));
  let y = 24;
  for (const [title, group] of groups) {
    svg.append(s("text", { x: 0, y: y + 16, class: "heading" }, title));
    y += HEADING_H;
    for (const r of group) {
      svg.append(bars(r, y, scale));
      y += ROW_H;
    }
  }
  return svg;
}

export async function supplyView(main, ctx, region) {
  const input = h("input", { type: "text", name: "region", inputmode: "numeric", pattern: "\\d{6}",
    placeholder: "6位地区代码，如 610113", value: region || ctx.lastRegion() || "", "aria-label": "地区代码" });
  const out = h("div", {});
  fill(main, card("地区供需分析",
    h("form", { class: "inline", onsubmit: (e) => {
      e.preventDefault();
      location.hash = `#/supply-demand/${encodeURIComponent(input.value.trim())}`;
    } }, input, h("button", { type: "submit" }, "查看")), out));
  if (!region) {
    out.append(h("p", { class: "muted" }, "输入您负责的地区代码后查看。"));
    return;
  }
  out.append(h("p", { class: "muted" }, "正在读取…"));
  try {
    const view = await get(withQuery("/v1/analytics/supply-demand", { region }));
    ctx.region(region);
    fill(out,
      h("p", {}, `地区 ${view.region}：${view.rows.length} 个职业，按缺口从大到小`
        + (view.suppressed_cells ? `；${view.suppressed_cells} 个少于5人的格子已隐藏` : "")),
      view.rows.length ? chart(view.rows) : h("p", {}, "该地区暂无岗位或培训数据。"),
      table([
        ["职业", (r) => `${r.occupation_name} ${r.occupation_code}`],
        ["紧缺排名", (r) => r.shortage_rank ?? "—", "num"],
        ["岗位数", (r) => r.open_vacancies, "num"],
        ["招聘人数", (r) => r.open_headcount, "num"],
        ["开班数", (r) => r.open_classes, "num"],
        ["培训名额", (r) => r.open_seats, "num"],
        ["在训", (r) => r.trainees_active ?? "<5", "num"],
        ["已结业", (r) => r.trainees_completed ?? "<5", "num"],
        ["缺口", (r) => r.gap, "num"],
      ], view.rows, { class: "supply" }));
  } catch (e) {
    fill(out, h("p", { class: "error" }, describe(e)));
    ctx.fail(e);
  }
}
