#!/usr/bin/env python3
"""Writes the hand-made seeds of tests/fuzz/corpus (the accept./refuse./
unparsable./parses. files; see README.md for what each prefix promises).
Usage: write_seeds.py CORPUS_DIR. Rewrites those files only; inputs kept from
fuzz runs (named by their SHA-1) are left alone. The records are invented for
the seeds; the ID number's check digit is computed (GB 11643)."""
import json
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

def idnum(first17):
    w = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
    s = sum(int(c)*k for c, k in zip(first17, w))
    return first17 + "10X98765432"[s % 11]

def put(name, value):
    data = value if isinstance(value, bytes) else (
        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))).encode()
    open(os.path.join(out, name), "wb").write(data)

occupation = {"code": "4-10-01-05", "name": "养老护理员"}
shortage = {"id": "xa-2025-07", "catalog": "西安市急需紧缺职业目录", "region": "610100",
            "period": "2025", "occupation_code": "4-10-01-05", "rank": 7, "degree": 1}
institution = {"id": "inst-1", "name": "示例职业培训学校", "region": "610113", "qualified": True}
project = {"id": "p-1", "institution_id": "inst-1", "occupation_code": "4-10-01-05",
           "title": "养老护理员五级培训班", "level": "5", "hours": 80, "mode": "offline",
           "region": "610113", "start_date": "2025-03-01", "end_date": "2025-04-15",
           "seats": 40, "fee_yuan": 1200, "base_subsidy_yuan": 1000}
vacancy = {"id": "v-1", "employer": "示例养老院", "occupation_code": "4-10-01-05",
           "title": "招聘护理员", "salary_min": 3500, "salary_max": 4800, "region": "610113",
           "headcount": 3, "employment_type": "stable", "posted_date": "2025-02-01",
           "expiry_date": "2025-05-01"}
worker_api = {"id": "w-1", "real_name_verified": True, "id_number": idnum("61011319900101123"),
              "phone": "13912345678", "region": "610113", "employment_status": "unemployed"}
worker_bd = {"id": "w-2", "real_name_verified": False, "birth_date": "1979-12-31",
             "region": "610113", "employment_status": "flexible"}
worker_stored = {"id": "w-3", "real_name_verified": True, "id_hash": "9f2c", "phone_hash": "77aa",
                 "id_masked": "610***********1234", "phone_masked": "139****5678",
                 "birth_date": "2000-02-29", "region": "610113", "employment_status": "employed"}
outcome = {"id": "o-1", "worker_id": "w-1", "project_id": "p-1", "enrolled_date": "2025-03-01",
           "completed": True, "completion_date": "2025-04-15", "certificate_level": "5",
           "employment": "stable", "employer": "示例养老院", "employment_date": "2025-05-06"}
reason = {"rule": "R1", "passed": True, "doc": "shaanxi-2021", "clause": "三(一)",
          "message": "已实名登记", "kind": "real_name", "effect": "gate", "quote": "实名制"}
amounts = {"base_yuan": 1000, "shortage_uplift_yuan": 200, "shortage_factor": 1,
           "online_factor": 1, "subsidy_yuan": 1200, "by_outcome": {"none": 600, "flexible": 900,
           "stable": 1200}, "living_allowance_yuan": 0, "transport_allowance_yuan": 0,
           "skill_upgrade_yuan": 0, "worker_pays_yuan": 0}
policy = {"doc": "shaanxi-2021", "version": "1", "title": "陕西省职业技能提升行动", "number": "",
          "jurisdiction": "610000"}
decision = {"eligible": True, "priority": False, "worker_id": "w-1", "project_id": "p-1",
            "as_of": "2025-03-01", "reasons": [reason], "amounts": amounts, "policies": [policy]}

def w(base, **kw):
    d = dict(base); d.update(kw); return d
def drop(base, key):
    d = dict(base); del d[key]; return d

# Valid inputs, one or more per decoder.
put("accept.occupation_api.minimal.json", occupation)
put("accept.occupation_stored.full.json", w(occupation, aliases=["护理员", "养老护工"],
    definition="从事老年人生活照料的人员", main_tasks="生活照料；基础照护"))
put("accept.occupation_api.unicode_escapes.json",
    '{"code":"4-10-01-05","name":"\\u517b\\u8001 \\ud83d\\ude00 \\"q\\" \\\\ \\/ \\t"}')
put("accept.shortage_entry_api.graded.json", shortage)
put("accept.shortage_entry_stored.ungraded.json", w(drop(shortage, "degree"), occupation_name="养老护理员", source="人社局"))
put("accept.institution_api.minimal.json", institution)
put("accept.institution_stored.rates.json", w(institution, blacklisted=True, pass_rate=0.875, employment_rate=1))
put("accept.training_project_api.minimal.json", project)
put("accept.training_project_stored.full.json", w(project, description="理论与实操", schedule=["weekday", "evening"],
    lat=34.2, lon=108.95, entrepreneurship=False, work_based=True, linked_vacancy_ids=["v-1", "v-2"],
    status="closed", mode="blended", level="special", fee_yuan=0.5, base_subsidy_yuan=1e7))
put("accept.vacancy_api.minimal.json", vacancy)
put("accept.vacancy_stored.full.json", w(vacancy, description="照护老人", skills=["照护"], required_level="4",
    lat=-0.0, lon=-180, status="closed", training_project_id="p-1", employment_type="flexible"))
put("accept.vacancy_api.null_optionals.json", w(vacancy, description=None, skills=None, required_level=None,
    lat=None, lon=None, training_project_id=None))
put("accept.worker_api.id_number.json", worker_api)
put("accept.worker_api.birth_date.json", worker_bd)
put("accept.worker_stored.hashed.json", worker_stored)
put("accept.worker_api.history.json", w(worker_api, education="higher_vocational", lat=34.25, lon=108.9,
    hukou_region="612701", hukou_type="rural", groups=["rural_migrant", "veteran"], unemployment_insured=True,
    skills=["护理", "驾驶"],
    certificates=[{"occupation_code": "4-10-01-05", "level": "5", "date": "2023-06-30", "province": "620000"}],
    wishes={"occupation_codes": ["4-10-01-05"], "text": "想学照顾老人", "modes": ["online"],
            "schedules": ["weekend"], "max_distance_km": 12.5},
    subsidy_history=[{"occupation_code": "4-10-01-05", "level": "5", "date": "2023-06-30", "kind": "training",
                      "amount_yuan": 800, "voucher_id": "vch-9"}],
    work_history=[{"employer": "示例工厂", "start_date": "2015-03-01", "end_date": "2019-08-31",
                   "occupation_code": "6-01-02-03"}, {"employer": "", "start_date": "2020-01-01"}]))
put("accept.worker_api.output_fields_sent_back.json", w(worker_bd, id_masked="x", phone_masked="y",
    birth_year=1979, age=45))
put("accept.outcome_api.employed.json", outcome)
put("accept.outcome_stored.not_completed.json", {"id": "o-2", "worker_id": "w-2", "project_id": "p-1",
    "enrolled_date": "2025-03-01", "completed": False})
put("accept.subsidy_decision.eligible.json", decision)
put("accept.subsidy_decision.refused.json", w(decision, eligible=False, priority=True, policies=[],
    reasons=[w(reason, passed=False, rule="R13", effect="gate")],
    amounts=w(amounts, subsidy_yuan=0, by_outcome={"none": 0, "flexible": 0, "stable": 0})))
put("accept.eligibility_worker.inline.json", {"worker": worker_bd, "project_id": "p-1", "date": "2025-03-01"})
put("accept.eligibility_training_project.inline.json", {"worker_id": "w-1", "training_project": project})
put("parses.depth_32.json", "[" * 32 + "]" * 32)
put("parses.scalars.json", '[true,false,null,-0,0.0,-1.5e-300,18446744073709551615,"",{}]')

# Invalid documents: refused by ParseJson.
put("unparsable.depth_33.json", "[" * 33 + "]" * 33)
put("unparsable.depth_deep_objects.json", '{"a":' * 2000 + "1" + "}" * 2000)
put("unparsable.depth_unclosed.json", "[" * 10000)
put("unparsable.duplicate_key.json", '{"code":"4-10-01-05","name":"a","code":"4-10-01-06"}')
put("unparsable.duplicate_key_nested.json", json.dumps(w(worker_bd, wishes={}))[:-1].replace(
    '"wishes": {}', '"wishes": {"text": "a", "text": "b"}') + "}")
put("unparsable.invalid_utf8.json", b'{"code":"4-10-01-05","name":"\xff\xfe"}')
put("unparsable.overlong_utf8.json", b'{"code":"4-10-01-05","name":"\xc0\xaf"}')
put("unparsable.truncated_utf8.json", b'{"code":"4-10-01-05","name":"\xe5\x85"}')
put("unparsable.lone_surrogate.json", '{"code":"4-10-01-05","name":"\\ud800"}')
put("unparsable.number_overflow.json", '{"lat":1e400}')
put("unparsable.nan.json", '{"lat":NaN}')
put("unparsable.trailing_garbage.json", '{"code":"4-10-01-05","name":"a"} x')
put("unparsable.comment.json", '{"code":"4-10-01-05", /* c */ "name":"a"}')
put("unparsable.empty.json", "")

# Invalid entities: parse, but no decoder accepts them.
put("refuse.top_level_array.json", [occupation])
put("refuse.huge_integer.json", w(project, hours=99999999999999999999))
put("refuse.int_overflow.json", w(project, seats=2147483648))
put("refuse.fractional_hours.json", w(project, hours=40.5))
put("refuse.negative_seats.json", w(project, seats=-1))
put("refuse.huge_yuan.json", w(project, fee_yuan=1e300))
put("refuse.lat_out_of_range.json", w(vacancy, lat=90.000001))
put("refuse.region_as_number.json", w(institution, region=610113))
put("refuse.bool_as_string.json", w(institution, qualified="true"))
put("refuse.unknown_mode.json", w(project, mode="hybrid"))
put("refuse.unknown_group.json", w(worker_bd, groups=["pensioner"]))
put("refuse.unknown_level.json", w(outcome, certificate_level="6"))
put("refuse.unknown_field.json", w(worker_bd, nickname="小王"))
put("refuse.not_a_day.json", w(worker_bd, birth_date="2023-02-29"))
put("refuse.year_out_of_range.json", w(worker_bd, birth_date="1899-12-31"))
put("refuse.id_check_digit.json", w(worker_api, id_number=worker_api["id_number"][:17] + "0"
    if worker_api["id_number"][17] != "0" else worker_api["id_number"][:17] + "1"))
put("refuse.id_is_phone.json", w(institution, id="13800138000"))
put("refuse.id_bad_char.json", w(institution, id="inst/1"))
put("refuse.occupation_group_code.json", w(occupation, code="4-10"))
put("refuse.missing_required.json", drop(vacancy, "headcount"))
put("refuse.required_null.json", w(vacancy, headcount=None))
put("refuse.string_too_long.json", w(occupation, name="长" * 7000))
put("refuse.too_many_items.json", w(occupation, aliases=["a"] * 1001))
put("refuse.max_distance.json", w(worker_bd, wishes={"max_distance_km": 5000.5}))
put("refuse.nested_path.json", w(worker_bd, certificates=[{"occupation_code": "4-10-01-05", "level": "5",
    "date": "2023-06-30", "province": "6200"}]))
put("refuse.subsidy_missing_amounts.json", drop(decision, "amounts"))
put("refuse.subsidy_reason_type.json", w(decision, reasons=[w(reason, passed="yes")]))
put("refuse.eligibility_bad_worker.json", {"worker": w(worker_bd, region="61"), "project_id": "p-1"})

# Regression seeds (B1): an explicit null birth_date used to bypass the rule
# "birth_date is required (or give id_number)" and leave 1970-01-01.
put("accept.worker_api.birth_date_null_with_id.json", w(worker_api, birth_date=None))
put("refuse.birth_date_null_without_id.json", w(worker_bd, birth_date=None))
