// api.js -- the console's only door to the server. The API key lives in this
// tab's sessionStorage (gone when the tab closes) and travels only in the
// Authorization header, never in a URL, so it stays out of history, referrers
// and the server's access log. Every failure becomes an ApiError carrying the
// contract's {code, message, field}.
import { ERROR_CODE, FIELD } from "./labels.js";

const KEY_SLOT = "qiancheng.console.key";

export const session = {
  key: () => sessionStorage.getItem(KEY_SLOT) ?? "",
  signIn: (key) => sessionStorage.setItem(KEY_SLOT, key),
  signOut: () => sessionStorage.removeItem(KEY_SLOT),
};

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field ?? "";
  }

  // The error as a counselor reads it: what went wrong in Chinese, the field
  // it concerns, then the server's own words for whoever debugs it.
  describe() {
    const what = ERROR_CODE[this.code] ?? "请求失败";
    const parts = [`${what}（HTTP ${this.status || "—"}）`];
    if (this.field) {
      const name = FIELD[this.field.replace(/^.*\./, "")];
      parts.push(`字段：${this.field}${name ? `（${name}）` : ""}`);
    }
    if (this.message) parts.push(`说明：${this.message}`);
    return parts.join("；");
  }
}

// Sent to whoever wants to know that the key stopped working (app.js signs out).
export const events = new EventTarget();

// Calls `method path` with an optional JSON body; resolves to the parsed JSON
// reply, rejects with ApiError.
export async function call(method, path, body) {
  const headers = { Authorization: `Bearer ${session.key()}` };
  const init = { method, headers, cache: "no-store" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, "network", String(e.message ?? e), "");
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = data?.error ?? {};
    const failure = new ApiError(res.status, err.code ?? `http_${res.status}`,
                                 err.message ?? "", err.field ?? "");
    if (res.status === 401) events.dispatchEvent(new Event("unauthenticated"));
    throw failure;
  }
  return data;
}

export const get = (path) => call("GET", path);

// `path` with the defined, non-empty entries of `params` as a query string.
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const seg = (id) => encodeURIComponent(id);

// Any failure as text: an ApiError in the counselor's words, anything else
// (a bug in the console) as it is.
export const describe = (e) => (e instanceof ApiError ? e.describe() : `页面出错：${e?.message ?? e}`);
