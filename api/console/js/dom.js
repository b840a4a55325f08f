// dom.js -- builds elements from data with textContent only: nothing the
// server returns is ever parsed as HTML, so a hostile title cannot inject.

// h("td", {class: "num"}, "12", child...) -> element. Attributes starting
// with "on" are listeners; false/null/undefined attributes and children are
// skipped; arrays of children are flattened.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

// A table with a header row and one row per item; `columns` are
// [title, item => cell content, class?].
export function table(columns, items, attrs) {
  return h("div", { class: "table-wrap" },
    h("table", attrs ?? {},
      h("thead", {}, h("tr", {}, columns.map(([title, , cls]) =>
        h("th", { class: cls }, title)))),
      h("tbody", {}, items.map((item) => h("tr", {}, columns.map(([title, cell, cls]) =>
        h("td", { class: cls, "data-label": title }, cell(item))))))));
}

// A definition list from [term, value] pairs, skipping empty values.
export function facts(pairs) {
  return h("dl", { class: "facts" }, pairs
    .filter(([, v]) => v !== "" && v !== null && v !== undefined)
    .map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

export function card(title, ...children) {
  return h("section", { class: "card" }, h("h3", {}, title), ...children);
}

export const yuan = (n) =>
  typeof n === "number" ? `${n.toLocaleString("zh-CN", { maximumFractionDigits: 2 })} 元` : "";

export const fixed = (n, digits = 2) => (typeof n === "number" ? n.toFixed(digits) : "");

// Replaces the children of `el`, with h()'s rules for children.
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
