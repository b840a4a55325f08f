// api/json/subsidy_json.h -- SubsidyDecision and Settlement <-> JSON, with the
// field names of API contract v1 (`subsidy_decision` {eligible, reasons[]
// {rule, passed, doc, clause, message}, amounts {base_yuan,
// shortage_uplift_yuan, online_factor, subsidy_yuan, by_outcome {none,
// flexible, stable}, living_allowance_yuan, transport_allowance_yuan,
// skill_upgrade_yuan, worker_pays_yuan}, policies[] {doc, version}}) plus the
// additions the contract allows (reason kind/effect/quote, shortage_factor,
// worker_id, project_id, as_of, priority, policy title/number/jurisdiction).
// Decoding is for audit replay: a stored decision read back must equal the
// one encoded; kInvalidArgument names the bad field. Pure functions;
// thread-safe.
#ifndef QIANCHENG_API_JSON_SUBSIDY_JSON_H_
#define QIANCHENG_API_JSON_SUBSIDY_JSON_H_

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/result.h"
#include "core/subsidy.h"
#include "policy/settlement.h"

namespace qiancheng::api {

void EncodeSubsidyDecision(const SubsidyDecision& decision,
                           nlohmann::json* out);
Result<SubsidyDecision> DecodeSubsidyDecision(const nlohmann::json& value);

// GET /v1/training-projects/{id}/settlement: {project_id, as_of, completed,
// employed, employment_rate, employed_only, total_yuan, items[] {worker_id,
// paid, amount_yuan, payee, reasons[]}, reasons[], policies[]}.
void EncodeSettlement(const policy::Settlement& settlement,
                      nlohmann::json* out);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_JSON_SUBSIDY_JSON_H_
