// feed.js -- the worker's push feed (GET /v1/workers/{id}/feed) and marking it
// read (POST /v1/workers/{id}/feed:ack {"up_to": seq}): jobs pushed after a
// completed training, new vacancies and shortage classes that fit them.
import { call, describe, get, seg, withQuery } from "./api.js";
import { fill, h, table } from "./dom.js";
import { FEED_EVENT, FEED_KIND, label } from "./labels.js";

export async function loadFeed(box, workerId, fail) {
  const items = [];
  let cursor = "";
  const list = h("div", {});
  const more = h("button", { type: "button", class: "secondary" }, "加载更多");
  const ack = h("button", { type: "button", class: "secondary" }, "全部标为已读");

  const render = () => {
    fill(list, items.length === 0
      ? h("p", { class: "muted", "data-testid": "feed-empty" }, "暂无推送消息。")
      : table([
        ["序号", (f) => f.seq, "num"],
        ["类型", (f) => label(FEED_KIND, f.kind)],
        ["来源", (f) => label(FEED_EVENT, f.event)],
        ["内容", (f) => h("span", {}, f.reason, h("small", { class: "muted" }, ` ${f.target_id}`))],
        ["日期", (f) => f.day],
        ["状态", (f) => (f.acked ? "已读" : h("b", {}, "未读"))],
      ], items, { class: "feed", "data-testid": "feed" }));
    ack.disabled = !items.some((f) => !f.acked);
  };

  const loadPage = async () => {
    try {
      const page = await get(withQuery(`/v1/workers/${seg(workerId)}/feed`, { cursor, limit: 50 }));
      items.push(...page.items);
      // A short page is the end; a full one may have more behind it.
      more.hidden = page.items.length < 50;
      cursor = page.next_cursor ?? cursor;
      render();
    } catch (e) {
      fill(list, h("p", { class: "error" }, describe(e)));
      fail(e);
    }
  };

  more.addEventListener("click", loadPage);
  ack.addEventListener("click", async () => {
    const upTo = Math.max(0, ...items.map((f) => f.seq));
    try {
      await call("POST", `/v1/workers/${seg(workerId)}/feed:ack`, { up_to: upTo });
      for (const f of items) if (f.seq <= upTo) f.acked = true;
      render();
    } catch (e) {
      fail(e);
    }
  });
  fill(box, list, h("div", { class: "actions" }, ack, more));
  more.hidden = true;
  await loadPage();
}
