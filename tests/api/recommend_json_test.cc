// The brief trainings list (api/json/recommend_json.h) and the writer it is
// written with (api/json/json_writer.h): valid JSON that nlohmann reads back
// to the same values, escaping as dump() does, invalid UTF-8 never echoed.
#include "api/json/recommend_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/json/json_writer.h"

namespace qiancheng::api {
namespace {

using nlohmann::json;

std::string Written(const std::string& text) {
  std::string out;
  JsonWriter w(&out);
  w.String(text);
  return out;
}

TEST(JsonWriter, EscapesLikeDumpAndKeepsUtf8) {
  const std::vector<std::string> texts = {
      "plain",    "引号\"和\\反斜杠",   "tab\tnewline\ncr\r",
      "\x01\x1f", "养老护理员（四级）", "emoji \xF0\x9F\x98\x80",
      ""};
  for (const std::string& text : texts) {
    EXPECT_EQ(Written(text), json(text).dump()) << text;
  }
}

TEST(JsonWriter, ReplacesInvalidUtf8) {
  const std::string replacement = "\xEF\xBF\xBD";
  // A stray continuation byte, a truncated sequence, an overlong form, a
  // surrogate: each bad byte becomes U+FFFD and the rest is kept.
  const std::vector<std::string> bad_texts = {"a\x80z", "a\xE5\xA5z",
                                              "a\xC0\xAFz", "a\xED\xA0\x80z"};
  for (const std::string& bad : bad_texts) {
    const std::string out = Written(bad);
    json parsed = json::parse(out, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << out;
    const std::string s = parsed.get<std::string>();
    EXPECT_EQ(s.front(), 'a');
    EXPECT_EQ(s.back(), 'z');
    EXPECT_NE(s.find(replacement), std::string::npos) << out;
    EXPECT_EQ(json(s).dump(), out) << "output is valid UTF-8";
  }
}

TEST(JsonWriter, NumbersReadBackExactly) {
  const double values[] = {
      0,      1,        2000,       -3.5, 0.1234, 7.4043,    1.2685,
      0.0001, 1e-7,     123456.789, 1e21, -0.61,  1500.0001, 3.14159265358979,
      2.5e15, 0.333333, 99999.9999};
  for (double v : values) {
    std::string out;
    JsonWriter w(&out);
    w.Number(v);
    json parsed = json::parse(out);
    EXPECT_EQ(parsed.get<double>(), v) << out;
  }
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  w.Number(std::numeric_limits<double>::quiet_NaN());
  w.Number(std::numeric_limits<double>::infinity());
  w.Number(2000);
  w.Number(0.5);
  w.EndArray();
  EXPECT_EQ(out, "[null,null,2000,0.5]");
}

TEST(JsonWriter, PlacesCommasAcrossNesting) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Field("a", 1);
  w.Key("b");
  w.BeginArray();
  w.BeginObject();
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.Bool(true);
  w.Null();
  w.EndArray();
  w.Field("c", "x");
  w.Key("d");
  w.Ymd(2026, 3, 1);
  w.EndObject();
  EXPECT_EQ(out, R"({"a":1,"b":[{},[],true,null],"c":"x","d":"2026-03-01"})");
}

recommend::TrainingList OneItemList() {
  recommend::TrainingList list;
  recommend::TrainingItem item;
  TrainingProject& p = item.project;
  p.id = ProjectId("p-1");
  p.institution_id = InstitutionId("inst-1");
  p.occupation_code = *OccupationCode::Parse("4-10-01-05");
  p.title = "养老护理员（四级）培训班";
  p.description = "not in the brief form";
  p.level = SkillLevel::k4;
  p.mode = TrainingMode::kBlended;
  p.region = *RegionCode::Parse("610113");
  p.start_date = Date::FromYmd(2026, 12, 7);
  p.end_date = Date::FromYmd(2027, 1, 20);
  p.seats = 40;
  p.fee_yuan = 1800;
  item.institution_name = "示例学校\"一\"";
  item.occupation_name = "养老护理员";
  item.score = 5.123456;
  for (int i = 0; i < 14; ++i) {
    rank::Factor f;
    f.name = "f";  // (+= sidesteps g++ 12's -Wrestrict false positive)
    f.name += std::to_string(i);
    f.value = 0.5;
    f.weight = i;
    f.contribution = 0.5 * i;
    if (i >= 11) {
      f.detail = "细节 ";
      f.detail += std::to_string(i);
    }
    item.factors.push_back(f);
  }
  item.subsidy.eligible = true;
  item.subsidy.amounts.base_yuan = 1500;
  item.subsidy.amounts.subsidy_yuan = 1050;
  item.subsidy.amounts.by_outcome = {1050, 1260, 1575};
  item.subsidy.amounts.worker_pays_yuan = 750;
  item.subsidy.reasons.push_back({"R1", true, "national-2025", "(十一)",
                                  "已实名", "real_name", "gate", ""});
  item.subsidy.reasons.push_back({"R6", false, "xian-2025", "二(二)",
                                  "线上线下相结合", "mode_factor", "amount",
                                  ""});
  item.subsidy.policies.push_back({"xian-2025", "v1", "t", "n", "610100"});
  item.subsidy.as_of = Date::FromYmd(2026, 11, 24);
  item.distance_km = 3.456;
  item.seats_left = 12;
  list.items.push_back(item);
  list.candidates = 42;
  list.trace.steps.push_back({"retrieve", 12.34, 50});
  return list;
}

TEST(BriefTrainingList, CarriesTheSummaryTopFactorsAndFailedRules) {
  std::string text;
  WriteTrainingListBrief(OneItemList(), &text);
  json doc = json::parse(text);
  EXPECT_EQ(doc["detail"], "brief");
  EXPECT_EQ(doc["candidates"], 42);
  EXPECT_EQ(doc["trace"]["steps"][0]["name"], "retrieve");
  const json& item = doc["items"][0];
  const json& p = item["project"];
  EXPECT_EQ(p["id"], "p-1");
  EXPECT_EQ(p["level"], "4");
  EXPECT_EQ(p["mode"], "blended");
  EXPECT_EQ(p["start_date"], "2026-12-07");
  EXPECT_EQ(p["occupation_name"], "养老护理员");
  EXPECT_FALSE(p.contains("description"));
  EXPECT_EQ(item["institution_name"], "示例学校\"一\"");
  EXPECT_EQ(item["score"], 5.1235);
  ASSERT_EQ(item["factors"].size(), 5u);
  EXPECT_EQ(item["factors"][0]["name"], "f13");  // largest first
  EXPECT_EQ(item["factors"][4]["name"], "f9");
  EXPECT_EQ(item["factors"][0]["detail"], "细节 13");
  EXPECT_FALSE(item["factors"][3].contains("detail"));
  const json& s = item["subsidy"];
  ASSERT_EQ(s["reasons"].size(), 1u);
  EXPECT_EQ(s["reasons"][0]["rule"], "R6");
  EXPECT_EQ(s["reasons"][0]["clause"], "二(二)");
  EXPECT_EQ(s["amounts"]["by_outcome"]["stable"], 1575);
  EXPECT_EQ(s["amounts"]["worker_pays_yuan"], 750);
  EXPECT_EQ(s["policies"][0], json({{"doc", "xian-2025"}, {"version", "v1"}}));
  EXPECT_EQ(s["as_of"], "2026-11-24");
  EXPECT_EQ(item["distance_km"], 3.46);
  EXPECT_EQ(item["seats_left"], 12);
}

TEST(BriefTrainingList, AnEmptyListIsStillAList) {
  recommend::TrainingList list;
  std::string text;
  WriteTrainingListBrief(list, &text);
  json doc = json::parse(text);
  EXPECT_TRUE(doc["items"].is_array() && doc["items"].empty());
  EXPECT_TRUE(doc["trace"]["steps"].is_array());
}

}  // namespace
}  // namespace qiancheng::api
