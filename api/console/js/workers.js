// workers.js -- the list of the workers a key may see. The server scopes the
// list: a counselor key gets only workers of its regions. Pages are fetched
// with the server's cursor; the filter box searches what is loaded so far.
import { get, withQuery } from "./api.js";
import { card, fill, h, table } from "./dom.js";
import { EMPLOYMENT_STATUS, GROUPS, label, labels } from "./labels.js";

const PAGE = 100;

function matches(worker, needle) {
  if (!needle) return true;
  const text = [worker.id, worker.id_masked, worker.region,
    labels(GROUPS, worker.groups), label(EMPLOYMENT_STATUS, worker.employment_status)].join(" ");
  return text.toLowerCase().includes(needle.toLowerCase());
}

export async function workersView(main, ctx) {
  const loaded = [];
  let cursor = "";
  const rows = h("div", {});
  const count = h("span", { class: "muted" });
  const more = h("button", { type: "button", class: "secondary" }, "加载更多");
  const filter = h("input", { type: "search", placeholder: "在已加载的记录中筛选：编号、证件号、人群、状态",
    "aria-label": "筛选劳动者" });
  const openId = h("input", { type: "text", placeholder: "劳动者编号", "aria-label": "劳动者编号",
    name: "worker-id", autocomplete: "off" });

  const render = () => {
    const shown = loaded.filter((w) => matches(w, filter.value.trim()));
    fill(rows, table([
      ["编号", (w) => h("a", { href: `#/workers/${encodeURIComponent(w.id)}` }, w.id)],
      ["证件号（脱敏）", (w) => w.id_masked ?? ""],
      ["地区", (w) => w.region],
      ["重点人群", (w) => labels(GROUPS, w.groups) || "—"],
      ["就业状态", (w) => label(EMPLOYMENT_STATUS, w.employment_status)],
      ["实名", (w) => (w.real_name_verified ? "已实名" : "未实名")],
    ], shown, { class: "workers", "data-testid": "workers" }));
    count.textContent = `已加载 ${loaded.length} 人，显示 ${shown.length} 人`;
    more.hidden = !cursor;
  };

  const loadPage = async () => {
    more.disabled = true;
    try {
      const page = await get(withQuery("/v1/workers", { limit: PAGE, cursor }));
      loaded.push(...page.items);
      cursor = page.next_cursor ?? "";
      render();
    } catch (e) {
      ctx.fail(e);
    } finally {
      more.disabled = false;
    }
  };

  more.addEventListener("click", loadPage);
  filter.addEventListener("input", render);
  fill(main,
    card("打开劳动者",
      h("form", { class: "inline", onsubmit: (e) => {
        e.preventDefault();
        const id = openId.value.trim();
        if (id) location.hash = `#/workers/${encodeURIComponent(id)}`;
      } }, openId, h("button", { type: "submit" }, "打开"))),
    card("我负责地区的劳动者", h("div", { class: "toolbar" }, filter, count), rows, more));
  await loadPage();
}
