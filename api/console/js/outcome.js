// outcome.js -- records an enrollment or an outcome with PUT /v1/outcomes/{id}
// (the outcome entity of DESIGN.md). An enrollment is an outcome not yet
// completed; finishing it later is a PUT of the same id with completed=true,
// which is what makes the engine push the trainee's jobs to the feed.
import { call, seg } from "./api.js";
import { h } from "./dom.js";
import { LEVEL, OUTCOME_EMPLOYMENT } from "./labels.js";

function field(labelText, input) {
  return h("label", { class: "field" }, h("span", {}, labelText), input);
}

function select(name, table, withEmpty) {
  return h("select", { name },
    withEmpty ? h("option", { value: "" }, "无") : null,
    Object.entries(table).map(([v, text]) => h("option", { value: v }, text)));
}

// A form for `workerId`; `today()` gives the default date; `onSaved(reply)`
// runs after the server accepted the write. Returns {element, fill(outcome)}.
export function outcomeForm(workerId, today, onSaved, onError) {
  const form = h("form", { class: "outcome-form", "data-testid": "outcome-form" },
    field("记录编号", h("input", { name: "id", required: true, pattern: "[A-Za-z0-9._:\\-]{1,128}" })),
    field("培训项目编号", h("input", { name: "project_id", required: true })),
    field("报名日期", h("input", { name: "enrolled_date", type: "date", required: true })),
    h("label", { class: "check" }, h("input", { name: "completed", type: "checkbox" }), "已结业"),
    field("结业日期", h("input", { name: "completion_date", type: "date" })),
    field("证书等级", select("certificate_level", LEVEL, true)),
    field("就业结果", select("employment", OUTCOME_EMPLOYMENT, false)),
    field("就业单位", h("input", { name: "employer" })),
    field("就业日期", h("input", { name: "employment_date", type: "date" })),
    h("div", { class: "actions" },
      h("button", { type: "submit" }, "保存记录"),
      h("span", { class: "muted", role: "status", "data-testid": "outcome-status" })));
  const el = form.elements;
  const status = form.querySelector("[role=status]");
  const syncCompletion = () => {
    el.completion_date.disabled = !el.completed.checked;
    if (el.completed.checked && !el.completion_date.value) el.completion_date.value = today();
  };
  el.completed.addEventListener("change", syncCompletion);
  el.project_id.addEventListener("change", () => {
    if (!el.id.dataset.fixed && el.project_id.value) {
      el.id.value = `${workerId}-${el.project_id.value.trim()}`.replace(/[^A-Za-z0-9._:-]/g, "-");
    }
  });

  const body = () => {
    const out = {
      id: el.id.value.trim(),
      worker_id: workerId,
      project_id: el.project_id.value.trim(),
      enrolled_date: el.enrolled_date.value,
      completed: el.completed.checked,
      employment: el.employment.value,
    };
    if (el.completed.checked) out.completion_date = el.completion_date.value;
    if (el.certificate_level.value) out.certificate_level = el.certificate_level.value;
    if (el.employer.value.trim()) out.employer = el.employer.value.trim();
    if (el.employment_date.value) out.employment_date = el.employment_date.value;
    return out;
  };

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    status.textContent = "正在保存…";
    try {
      const outcome = body();
      const reply = await call("PUT", `/v1/outcomes/${seg(outcome.id)}`, outcome);
      status.textContent = `已保存记录 ${reply.id}（变更序号 ${reply.seq ?? "—"}）`;
      el.id.dataset.fixed = "1";
      onSaved(reply);
    } catch (err) {
      status.textContent = "保存失败";
      onError(err);
    }
  });

  const fill = (o) => {
    el.id.value = o.id ?? "";
    if (o.id) el.id.dataset.fixed = "1";
    else delete el.id.dataset.fixed;
    el.project_id.value = o.project_id ?? "";
    el.enrolled_date.value = o.enrolled_date ?? today();
    el.completed.checked = !!o.completed;
    el.completion_date.value = o.completion_date ?? "";
    el.certificate_level.value = o.certificate_level ?? "";
    el.employment.value = o.employment ?? "none";
    el.employer.value = o.employer ?? "";
    el.employment_date.value = o.employment_date ?? "";
    syncCompletion();
    status.textContent = "";
    if (!o.id && o.project_id) el.project_id.dispatchEvent(new Event("change"));
  };
  fill({});
  return { element: form, fill };
}
