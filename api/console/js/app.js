// app.js -- the counselor console's shell: sign-in, the hash router and the
// notice bar. Routes (no key ever appears in them):
//   #/workers                 the workers of the key's regions
//   #/workers/{id}            one worker: profile, recommendations, feed, outcomes
//   #/vacancies[/{id}]        vacancies; one vacancy's candidates
//   #/supply-demand[/{code}]  supply vs demand of a region
import { describe, events, session } from "./api.js";
import { fill, h } from "./dom.js";
import { supplyView } from "./supply.js";
import { candidatesView, vacanciesView } from "./vacancies.js";
import { workerView } from "./worker.js";
import { workersView } from "./workers.js";

const $ = (id) => document.getElementById(id);
let lastRegion = "";
let renderToken = 0;

function notice(text, kind) {
  const bar = $("notice");
  fill(bar, text ? h("span", {}, text) : "");
  bar.className = kind ?? "";
  bar.hidden = !text;
}

const ctx = {
  fail: (e) => notice(describe(e), "error"),
  note: (text) => notice(text, "ok"),
  region: (code) => { if (code) lastRegion = code; },
  lastRegion: () => lastRegion,
};

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  return { section: parts[0] || "workers", id: parts.slice(1).join("/") };
}

async function route() {
  if (!session.key()) return showSignIn();
  const token = ++renderToken;
  const { section, id } = parseRoute();
  for (const a of document.querySelectorAll("#tabs a")) {
    a.classList.toggle("active", a.dataset.section === section);
  }
  notice("");
  // Each view renders into its own fresh element; a slow view that finishes
  // after the user moved on is dropped instead of overwriting the new one.
  const main = h("div", { class: "view" });
  $("view").replaceChildren(main);
  const guard = { ...ctx, fail: (e) => { if (token === renderToken) ctx.fail(e); } };
  if (section === "workers" && id) await workerView(main, guard, id);
  else if (section === "vacancies" && id) await candidatesView(main, guard, id);
  else if (section === "vacancies") await vacanciesView(main, guard);
  else if (section === "supply-demand") await supplyView(main, guard, id);
  else await workersView(main, guard);
}

function showSignIn(message) {
  $("signin").hidden = false;
  $("tabs").hidden = true;
  $("signout").hidden = true;
  $("view").replaceChildren();
  notice(message ?? "");
  $("key").focus();
}

function showApp() {
  $("signin").hidden = true;
  $("tabs").hidden = false;
  $("signout").hidden = false;
}

$("signin").addEventListener("submit", (e) => {
  e.preventDefault();
  const key = $("key").value.trim();
  if (!key) return;
  session.signIn(key);
  $("key").value = "";
  showApp();
  route();
});
$("signout").addEventListener("click", () => {
  session.signOut();
  showSignIn("已退出登录。");
});
events.addEventListener("unauthenticated", () => {
  session.signOut();
  showSignIn("密钥无效或已被吊销，请重新登录。");
});
window.addEventListener("hashchange", route);

if (session.key()) {
  showApp();
  route();
} else {
  showSignIn();
}
