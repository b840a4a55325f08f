// The recommendation routes of API contract v1: decode, authorise, call the
// recommend/ pipelines, encode. Person-level routes follow the key's role:
// analysts see aggregates only; counselors only workers (and candidates)
// inside their regions; the service key (the mini-program backend) may ask
// for any worker's recommendations and feed but not for candidate lists.
// Replicas: a request with min_seq waits (bounded) for this replica to apply
// that change, so a client writing through one replica and reading through
// another reads its write.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "api/json/recommend_json.h"
#include "api/routes/routes.h"
#include "core/json_codec.h"

namespace qiancheng::api {

using nlohmann::json;

namespace {

std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// How long a read waits for its min_seq: long enough for a replica polling
// every 100 ms to apply a burst of writes, short enough that a client told to
// retry is not left hanging.
constexpr std::chrono::milliseconds kMinSeqWait{1000};
// Seconds a client is told to wait before retrying a 503.
constexpr const char* kRetryAfterSeconds = "1";

Result<ReadSide*> ReadSideOf(Caller& c) {
  if (c.app.read_side() == nullptr || !c.app.read_side()->ready()) {
    return Status::Unavailable("recommendations are not ready yet");
  }
  return c.app.read_side();
}

Result<long> IntParam(std::string_view text, const char* field, long fallback,
                      long lo, long hi) {
  if (text.empty()) return fallback;
  long value = 0;
  auto [ptr, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < lo ||
      value > hi) {
    return Status::InvalidArgument(field, "must be a whole number from " +
                                              std::to_string(lo) + " to " +
                                              std::to_string(hi));
  }
  return value;
}

// The read side once it has applied the change `min_seq` (empty: at once).
Result<ReadSide*> ReadSideAt(Caller& c, std::string_view min_seq) {
  QC_ASSIGN_OR_RETURN(ReadSide * side, ReadSideOf(c));
  QC_ASSIGN_OR_RETURN(long seq,
                      IntParam(min_seq, "min_seq", 0, 0, INT64_MAX / 2));
  if (seq > 0) QC_RETURN_IF_ERROR(side->WaitForApplied(seq, kMinSeqWait));
  return side;
}

Result<bool> BoolParam(std::string_view text, const char* field) {
  if (text.empty() || text == "false" || text == "0") return false;
  if (text == "true" || text == "1") return true;
  return Status::InvalidArgument(field, "must be true or false");
}

Result<Date> DateParam(std::string_view text, Date fallback) {
  if (text.empty()) return fallback;
  return Date::Parse(text, "date");
}

Status NoAnalyst(const Caller& c) {
  if (c.who.role == Role::kAnalyst) {
    return Status::PermissionDenied("analyst keys see aggregates only");
  }
  return Status::Ok();
}

// The stored worker's region, authorised for the caller.
Status AuthorizeWorker(Caller& c, ReadSide& side, std::string_view worker_id) {
  QC_RETURN_IF_ERROR(NoAnalyst(c));
  std::optional<RegionCode> region =
      side.catalog().Read([&](const recommend::CatalogView& view) {
        const Worker* w = view.FindWorker(worker_id);
        return w ? std::optional<RegionCode>(w->region) : std::nullopt;
      });
  if (!region) return Status::NotFound("no such worker");
  return Authorize(c.who, Access::kRead, EntityKind::kWorker, *region);
}

Reply Failed(const Status& status) {
  Reply reply = ErrorReply(status);
  // A replica behind, loading, or cut off from the store: all pass.
  if (status.code() == Code::kUnavailable) {
    reply.headers.emplace_back("Retry-After", kRetryAfterSeconds);
  }
  return reply;
}

template <class F>
Reply Run(F&& f) {
  Result<json> out = f();
  if (out.ok()) return JsonReply(200, Dump(*out));
  return Failed(out.status());
}

// Run() for handlers that write their JSON text themselves.
template <class F>
Reply RunText(F&& f) {
  Result<std::string> out = f();
  if (out.ok()) return JsonReply(200, std::move(*out));
  return Failed(out.status());
}

// ?detail= of the trainings routes: "brief" (the default: the list form)
// or "full" (every factor's detail and every rule's reason and citation).
Result<recommend::Explanation> DetailParam(std::string_view text) {
  if (text.empty() || text == "brief") return recommend::Explanation::kBrief;
  if (text == "full") return recommend::Explanation::kFull;
  return Status::InvalidArgument("detail", "must be brief or full");
}

// The trainings response in the form the query asked for.
std::string TrainingsBody(const recommend::TrainingList& list,
                          recommend::Explanation explanation) {
  std::string body;
  if (explanation == recommend::Explanation::kBrief) {
    WriteTrainingListBrief(list, &body);
    return body;
  }
  json out;
  EncodeTrainingList(list, &out);
  return Dump(out);
}

}  // namespace

Reply RecommendTrainings(Caller& c, std::string_view worker_id,
                         const QueryParams& q) {
  return RunText([&]() -> Result<std::string> {
    QC_ASSIGN_OR_RETURN(ReadSide * side, ReadSideAt(c, q.min_seq));
    QC_RETURN_IF_ERROR(AuthorizeWorker(c, *side, worker_id));
    recommend::TrainingQuery query;
    QC_ASSIGN_OR_RETURN(long k, IntParam(q.k, "k", 10, 1, 100));
    query.k = static_cast<size_t>(k);
    QC_ASSIGN_OR_RETURN(query.include_ineligible,
                        BoolParam(q.include_ineligible, "include_ineligible"));
    QC_ASSIGN_OR_RETURN(query.today, DateParam(q.date, side->Today()));
    QC_ASSIGN_OR_RETURN(query.explanation, DetailParam(q.detail));
    QC_ASSIGN_OR_RETURN(
        recommend::TrainingList list,
        side->recommender().TrainingsForWorker(worker_id, query));
    return TrainingsBody(list, query.explanation);
  });
}

Reply RecommendTrainingsAnonymous(Caller& c, std::string_view body) {
  return RunText([&]() -> Result<std::string> {
    QC_ASSIGN_OR_RETURN(ReadSide * side, ReadSideOf(c));
    QC_RETURN_IF_ERROR(NoAnalyst(c));
    QC_ASSIGN_OR_RETURN(json parsed, ParseJson(body));
    if (!parsed.is_object())
      return Status::InvalidArgument("body", "must be a JSON object");
    recommend::TrainingQuery query;
    query.today = side->Today();
    query.explanation = recommend::Explanation::kBrief;
    for (const auto& item : parsed.items()) {
      const std::string& key = item.key();
      if (key == "worker") continue;
      if (key == "k") {
        if (!item.value().is_number_integer() || item.value().get<long>() < 1 ||
            item.value().get<long>() > 100)
          return Status::InvalidArgument(
              "k", "must be a whole number from 1 to 100");
        query.k = item.value().get<size_t>();
      } else if (key == "include_ineligible") {
        if (!item.value().is_boolean())
          return Status::InvalidArgument(key, "must be true or false");
        query.include_ineligible = item.value().get<bool>();
      } else if (key == "date") {
        if (!item.value().is_string())
          return Status::InvalidArgument(key, "must be a date YYYY-MM-DD");
        QC_ASSIGN_OR_RETURN(
            query.today, Date::Parse(item.value().get<std::string>(), "date"));
      } else if (key == "detail") {
        if (!item.value().is_string())
          return Status::InvalidArgument(key, "must be brief or full");
        QC_ASSIGN_OR_RETURN(query.explanation,
                            DetailParam(item.value().get<std::string>()));
      } else {
        return Status::InvalidArgument(key, "unknown field");
      }
    }
    auto it = parsed.find("worker");
    if (it == parsed.end() || !it->is_object())
      return Status::InvalidArgument("worker",
                                     "an anonymous worker profile is required");
    // The anonymous profile needs no id: the codec wants one, so lend it a
    // fixed one that is never stored.
    json profile = *it;
    if (!profile.contains("id")) profile["id"] = "anonymous";
    Result<Entity> decoded =
        DecodeEntity(EntityKind::kWorker, profile, CodecMode::kApi);
    if (!decoded.ok()) return decoded.status().WithFieldPrefix("worker");
    Worker worker = std::get<Worker>(std::move(*decoded));
    worker.contact = {};
    QC_ASSIGN_OR_RETURN(recommend::TrainingList list,
                        side->recommender().TrainingsFor(worker, query));
    return TrainingsBody(list, query.explanation);
  });
}

Reply RecommendJobs(Caller& c, std::string_view worker_id,
                    const QueryParams& q) {
  return Run([&]() -> Result<json> {
    QC_ASSIGN_OR_RETURN(ReadSide * side, ReadSideAt(c, q.min_seq));
    QC_RETURN_IF_ERROR(AuthorizeWorker(c, *side, worker_id));
    QC_ASSIGN_OR_RETURN(long k, IntParam(q.k, "k", 10, 1, 100));
    QC_ASSIGN_OR_RETURN(Date today, DateParam(q.date, side->Today()));
    QC_ASSIGN_OR_RETURN(recommend::JobList list,
                        side->recommender().JobsForWorker(
                            worker_id, static_cast<size_t>(k), today));
    json out;
    EncodeJobList(list, &out);
    return out;
  });
}

Reply VacancyCandidates(Caller& c, std::string_view vacancy_id,
                        const QueryParams& q) {
  return Run([&]() -> Result<json> {
    QC_ASSIGN_OR_RETURN(ReadSide * side, ReadSideAt(c, q.min_seq));
    if (c.who.role != Role::kAdmin && c.who.role != Role::kCounselor) {
      return Status::PermissionDenied(
          "candidate lists are for counselors and admins");
    }
    QC_ASSIGN_OR_RETURN(long k, IntParam(q.k, "k", 10, 1, 100));
    QC_ASSIGN_OR_RETURN(Date today, DateParam(q.date, side->Today()));
    // A counselor's list holds only workers of their regions.
    const std::vector<RegionCode> scope = c.who.role == Role::kCounselor
                                              ? c.who.regions
                                              : std::vector<RegionCode>{};
    QC_ASSIGN_OR_RETURN(recommend::CandidateList list,
                        side->recommender().CandidatesFor(
                            vacancy_id, static_cast<size_t>(k), today, scope));
    json out;
    EncodeCandidateList(list, &out);
    return out;
  });
}

Reply WorkerFeed(Caller& c, std::string_view worker_id, const QueryParams& q) {
  return Run([&]() -> Result<json> {
    QC_ASSIGN_OR_RETURN(ReadSide * side, ReadSideAt(c, q.min_seq));
    QC_RETURN_IF_ERROR(AuthorizeWorker(c, *side, worker_id));
    QC_ASSIGN_OR_RETURN(long after,
                        IntParam(q.cursor, "cursor", 0, 0, INT64_MAX / 2));
    QC_ASSIGN_OR_RETURN(long limit, IntParam(q.limit, "limit", 50, 1, 1000));
    QC_ASSIGN_OR_RETURN(
        std::vector<store::FeedItem> items,
        side->feed().List(worker_id, after, static_cast<int>(limit)));
    json out;
    EncodeFeedItems(items, &out);
    return out;
  });
}

Reply AckFeed(Caller& c, std::string_view worker_id, std::string_view body) {
  return Run([&]() -> Result<json> {
    QC_ASSIGN_OR_RETURN(ReadSide * side, ReadSideOf(c));
    QC_RETURN_IF_ERROR(AuthorizeWorker(c, *side, worker_id));
    QC_ASSIGN_OR_RETURN(json parsed, ParseJson(body));
    if (!parsed.is_object())
      return Status::InvalidArgument("body", "must be a JSON object");
    for (const auto& item : parsed.items()) {
      if (item.key() != "up_to")
        return Status::InvalidArgument(item.key(), "unknown field");
    }
    auto it = parsed.find("up_to");
    if (it == parsed.end() || !it->is_number_integer() ||
        it->get<int64_t>() < 0) {
      return Status::InvalidArgument("up_to",
                                     "the seq of the last item read (>= 0)");
    }
    QC_ASSIGN_OR_RETURN(int64_t changed,
                        side->feed().Ack(worker_id, it->get<int64_t>()));
    return json{{"acknowledged", changed}};
  });
}

Reply ShortageView(Caller& c, const QueryParams& q) {
  return Run([&]() -> Result<json> {
    QC_ASSIGN_OR_RETURN(ReadSide * side, ReadSideAt(c, q.min_seq));
    std::optional<RegionCode> region;
    if (!q.region.empty()) {
      QC_ASSIGN_OR_RETURN(region, RegionCode::Parse(q.region, "region"));
    }
    json rows = json::array();
    side->catalog().Read([&](const recommend::CatalogView& view) {
      std::vector<const ShortageEntry*> matched;
      for (const auto& [id, e] : view.shortage_entries) {
        // A catalog applies to a region inside its jurisdiction.
        if (region && !e.region.Contains(*region) &&
            !region->Contains(e.region))
          continue;
        if (!q.period.empty() && e.period != q.period) continue;
        matched.push_back(&e);
      }
      std::sort(matched.begin(), matched.end(),
                [](const ShortageEntry* a, const ShortageEntry* b) {
                  if (a->catalog != b->catalog) return a->catalog < b->catalog;
                  return a->rank < b->rank;
                });
      for (const ShortageEntry* e : matched) {
        json row;
        EncodeEntity(*e, CodecMode::kApi, &row);
        rows.push_back(std::move(row));
      }
    });
    return json{{"items", rows}};
  });
}

Reply SupplyDemandView(Caller& c, const QueryParams& q) {
  return Run([&]() -> Result<json> {
    QC_ASSIGN_OR_RETURN(ReadSide * side, ReadSideAt(c, q.min_seq));
    if (q.region.empty())
      return Status::InvalidArgument("region", "a region code is required");
    QC_ASSIGN_OR_RETURN(RegionCode region,
                        RegionCode::Parse(q.region, "region"));
    if (c.who.role == Role::kCounselor) {
      QC_RETURN_IF_ERROR(
          Authorize(c.who, Access::kRead, EntityKind::kWorker, region));
    }
    QC_ASSIGN_OR_RETURN(Date today, DateParam(q.date, side->Today()));
    // Analysts get no count of fewer than 5 persons (a small cell names
    // people); other roles may see person-level data anyway.
    const int floor = c.who.role == Role::kAnalyst ? 5 : 0;
    QC_ASSIGN_OR_RETURN(
        recommend::SupplyDemand view,
        side->recommender().SupplyDemandFor(region, today, floor));
    json out;
    EncodeSupplyDemand(view, &out);
    return out;
  });
}

Reply ReadSideAudit(Caller& c) {
  return Run([&]() -> Result<json> {
    if (c.who.role != Role::kAdmin) {
      return Status::PermissionDenied("the read-side audit is for admins");
    }
    QC_ASSIGN_OR_RETURN(ReadSide * side, ReadSideOf(c));
    // applied before last: the lag is then never negative.
    const store::Sequence applied = side->applied();
    QC_ASSIGN_OR_RETURN(store::Sequence last, c.app.store().LastSequence());
    json indexes = json::object();
    for (const ReadSide::IndexAudit& a : side->AuditIndexes()) {
      char digest[17];
      std::snprintf(digest, sizeof digest, "%016llx",
                    static_cast<unsigned long long>(a.digest));
      indexes[std::string(CollectionName(a.kind))] = {
          {"index_size", a.index_size},
          {"catalog_size", a.catalog_size},
          {"indexed", a.indexed},
          {"ids_fnv1a64", digest}};
    }
    return json{{"applied_seq", applied},
                {"last_seq", last},
                {"lag", std::max<int64_t>(0, last - applied)},
                {"indexes", indexes}};
  });
}

}  // namespace qiancheng::api
