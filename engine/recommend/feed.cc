#include "recommend/feed.h"

#include <span>

namespace qiancheng::recommend {

FeedService::FeedService(store::Store& store, const Catalog& catalog,
                         const Recommender& recommender, Today today,
                         FeedOptions options)
    : store_(store),
      catalog_(catalog),
      recommender_(recommender),
      today_(std::move(today)),
      options_(options) {}

void FeedService::Handle(const std::vector<FollowEvent>& events) {
  for (const FollowEvent& e : events) {
    events_.fetch_add(1);
    if (!HandleOne(e).ok()) errors_.fetch_add(1);
  }
}

Status FeedService::HandleOne(const FollowEvent& event) {
  const Date today = today_();
  std::vector<store::FeedItem> items;
  auto item = [&](std::string worker, std::string kind, std::string target,
                  std::string reason, double score) {
    store::FeedItem it;
    it.worker_id = std::move(worker);
    it.kind = std::move(kind);
    it.target_id = std::move(target);
    it.dedupe_key = it.kind + ":" + it.target_id;
    it.reason = std::move(reason);
    it.score = score;
    it.day = today.ToString();
    return it;
  };
  switch (event.kind) {
    case FollowEvent::Kind::kTrainingCompleted: {
      std::string worker_id = catalog_.Read([&](const CatalogView& view) {
        auto it = view.outcomes.find(event.id);
        return it == view.outcomes.end() ? std::string()
                                         : it->second.worker_id.str();
      });
      if (worker_id.empty()) return Status::Ok();
      QC_ASSIGN_OR_RETURN(JobList jobs,
                          recommender_.JobsForWorker(
                              worker_id, options_.jobs_per_trainee, today));
      for (const JobItem& j : jobs.items) {
        store::FeedItem f =
            item(worker_id, "job", j.vacancy.id.str(),
                 j.order_class ? "订单班结业：" + j.vacancy.employer + "的岗位"
                               : "结业后推荐岗位：" + j.vacancy.title,
                 j.score);
        f.event = "training_completed";
        items.push_back(std::move(f));
      }
      break;
    }
    case FollowEvent::Kind::kVacancyOpened: {
      QC_ASSIGN_OR_RETURN(
          CandidateList candidates,
          recommender_.CandidatesFor(event.id, options_.workers_per_vacancy,
                                     today, {}));
      std::string title = catalog_.Read([&](const CatalogView& view) {
        const Vacancy* v = view.FindVacancy(event.id);
        return v ? v->title : std::string();
      });
      for (const CandidateItem& c : candidates.items) {
        store::FeedItem f = item(c.worker.id.str(), "job", event.id,
                                 "新岗位与您匹配：" + title, c.score);
        f.event = "vacancy_opened";
        items.push_back(std::move(f));
      }
      break;
    }
    case FollowEvent::Kind::kShortageClass: {
      QC_ASSIGN_OR_RETURN(std::vector<std::string> workers,
                          recommender_.WorkersForClass(
                              event.id, options_.workers_per_class, today));
      std::string title = catalog_.Read([&](const CatalogView& view) {
        const TrainingProject* p = view.FindProject(event.id);
        return p ? p->title : std::string();
      });
      for (const std::string& w : workers) {
        store::FeedItem f = item(w, "training", event.id,
                                 "紧缺职业新开班，可享补贴：" + title, 0);
        f.event = "shortage_class";
        items.push_back(std::move(f));
      }
      break;
    }
  }
  if (items.empty()) return Status::Ok();
  QC_ASSIGN_OR_RETURN(std::vector<store::FeedItem> written,
                      store_.AppendFeed(items, options_.daily_cap));
  written_.fetch_add(static_cast<int64_t>(written.size()));
  return Status::Ok();
}

Result<std::vector<store::FeedItem>> FeedService::List(
    std::string_view worker_id, int64_t after, int limit) const {
  return store_.ListFeed(worker_id, after, limit);
}

Result<int64_t> FeedService::Ack(std::string_view worker_id, int64_t up_to) {
  return store_.AckFeed(worker_id, up_to);
}

}  // namespace qiancheng::recommend
