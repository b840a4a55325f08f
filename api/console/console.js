// Counselor console: signs in with an API key (kept in this tab's session
// storage only), lists the entities the key may see (the server scopes
// counselors to their regions) and shows one in full. No build step.
"use strict";

const COLUMNS = {
  "workers": [["id", "编号"], ["id_masked", "证件号(脱敏)"], ["region", "地区"],
              ["employment_status", "就业状态"], ["groups", "人群"]],
  "training-projects": [["id", "编号"], ["title", "项目"], ["occupation_code", "职业编码"],
                        ["region", "地区"], ["start_date", "开班"], ["seats", "名额"]],
  "vacancies": [["id", "编号"], ["title", "岗位"], ["employer", "用人单位"], ["region", "地区"],
                ["salary_min", "月薪下限"], ["headcount", "人数"]],
  "institutions": [["id", "编号"], ["name", "机构"], ["region", "地区"], ["qualified", "资质"],
                   ["blacklisted", "黑名单"]],
  "shortage-entries": [["id", "编号"], ["occupation_name", "职业"], ["period", "期次"],
                       ["rank", "排名"], ["region", "地区"]],
};
const LABELS = { "employment_status": { unemployed: "失业", employed: "在业", flexible: "灵活就业", student: "在校" } };

const $ = (id) => document.getElementById(id);
let kind = "workers", cursor = "";

function key() { return sessionStorage.getItem("qc-key") || ""; }

async function api(path) {
  const res = await fetch(path, { headers: { Authorization: "Bearer " + key() } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((body.error && body.error.message) || ("HTTP " + res.status));
  return body;
}

function show(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

function cell(field, value) {
  if (Array.isArray(value)) return value.join("、");
  if (LABELS[field] && LABELS[field][value]) return LABELS[field][value];
  if (typeof value === "boolean") return value ? "是" : "否";
  return value === undefined ? "" : String(value);
}

async function loadList(reset) {
  if (reset) { cursor = ""; $("list").tBodies[0].replaceChildren(); }
  const cols = COLUMNS[kind];
  $("list").tHead.replaceChildren(row(cols.map((c) => c[1]), "th"));
  try {
    const page = await api(`/v1/${kind}?limit=50` + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
    for (const item of page.items) {
      const tr = row(cols.map(([f]) => cell(f, item[f])), "td");
      tr.addEventListener("click", () => showDetail(item));
      $("list").tBodies[0].append(tr);
    }
    cursor = page.next_cursor;
    $("more").hidden = !cursor;
    show(`${$("list").tBodies[0].rows.length} 条记录`);
  } catch (e) { show("无法读取：" + e.message, true); }
}

function row(values, tag) {
  const tr = document.createElement("tr");
  for (const v of values) { const c = document.createElement(tag); c.textContent = v; tr.append(c); }
  return tr;
}

function showDetail(item) {
  $("list-view").hidden = true; $("detail-view").hidden = false;
  $("detail-title").textContent = item.title || item.name || item.id || item.code;
  const dl = $("detail"); dl.replaceChildren();
  for (const [k, v] of Object.entries(item)) {
    const dt = document.createElement("dt"); dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = typeof v === "object" ? JSON.stringify(v, null, 1) : cell(k, v);
    dl.append(dt, dd);
  }
}

function signedIn(on) {
  $("tabs").hidden = !on; $("list-view").hidden = !on; $("signout").hidden = !on;
  $("key").hidden = on; $("signin").querySelector("[type=submit]").hidden = on;
  if (on) loadList(true);
}

$("signin").addEventListener("submit", (e) => {
  e.preventDefault(); sessionStorage.setItem("qc-key", $("key").value); $("key").value = ""; signedIn(true);
});
$("signout").addEventListener("click", () => { sessionStorage.removeItem("qc-key"); signedIn(false); show("已退出。"); });
$("more").addEventListener("click", () => loadList(false));
$("back").addEventListener("click", () => { $("detail-view").hidden = true; $("list-view").hidden = false; });
for (const b of document.querySelectorAll("#tabs button")) {
  b.addEventListener("click", () => {
    document.querySelectorAll("#tabs button").forEach((x) => x.classList.remove("active"));
    b.classList.add("active"); kind = b.dataset.kind;
    $("detail-view").hidden = true; $("list-view").hidden = false; loadList(true);
  });
}
if (key()) signedIn(true);
