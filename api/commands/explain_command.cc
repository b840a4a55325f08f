#include "api/commands/explain_command.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "api/app.h"
#include "api/json/subsidy_json.h"
#include "core/json_codec.h"
#include "policy/eligibility.h"
#include "policy/rule_kind.h"

namespace qiancheng::api {
namespace {

constexpr const char* kUsage =
    "usage: qiancheng explain --worker FILE --project FILE [--institution "
    "FILE]\n"
    "                         [--shortage FILE] [--date YYYY-MM-DD] [--json]\n"
    "Prints the subsidy decision for the worker on the training project, with "
    "every\n"
    "rule applied and the policy clause it cites. FILEs hold API-form JSON; "
    "the\n"
    "shortage file is a JSON list of shortage_entry. --date defaults to the\n"
    "project's start date. Policies are read from <reference-dir>/policies.\n"
    "       qiancheng explain --data-dir DIR --worker ID --project ID [--date "
    "D]\n"
    "looks the worker, the project, its institution and the shortage catalogs\n"
    "up in the data dir instead.\n";

struct ExplainFlags {
  std::map<std::string, std::string> files;  // "worker" -> path
  std::string date;
  std::string data_dir;  // when set, --worker/--project are stored ids
  bool json = false;
  bool help = false;
};

// kInvalidArgument naming the flag for anything but the known flags.
Result<ExplainFlags> ParseArgs(const CommandArgs& args) {
  ExplainFlags flags;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      flags.help = true;
    } else if (a == "--json") {
      flags.json = true;
    } else if (a == "--worker" || a == "--project" || a == "--institution" ||
               a == "--shortage" || a == "--date" || a == "--data-dir") {
      if (i + 1 >= args.size())
        return Status::InvalidArgument(a, "needs a value");
      std::string& target = a == "--date"       ? flags.date
                            : a == "--data-dir" ? flags.data_dir
                                                : flags.files[a.substr(2)];
      target = args[++i];
    } else {
      return Status::InvalidArgument(a, "unknown argument");
    }
  }
  if (!flags.help &&
      (!flags.files.count("worker") || !flags.files.count("project"))) {
    return Status::InvalidArgument("--worker/--project", "both are required");
  }
  return flags;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

template <class T>
Result<T> ReadEntity(EntityKind kind, const std::string& path) {
  QC_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  auto entity = DecodeEntityText(kind, text, CodecMode::kApi);
  if (!entity.ok()) return entity.status().WithContext(path);
  return std::get<T>(std::move(entity).value());
}

Result<std::vector<ShortageEntry>> ReadShortage(const std::string& path) {
  QC_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  auto list = ParseJson(text);
  if (!list.ok()) return list.status().WithContext(path);
  if (!list->is_array())
    return Status::InvalidArgument("", path + ": must be a JSON list");
  std::vector<ShortageEntry> rows;
  for (size_t i = 0; i < list->size(); ++i) {
    auto e =
        DecodeEntity(EntityKind::kShortageEntry, (*list)[i], CodecMode::kApi);
    if (!e.ok()) {
      return e.status()
          .WithFieldPrefix("[" + std::to_string(i) + "]")
          .WithContext(path);
    }
    rows.push_back(std::get<ShortageEntry>(std::move(e).value()));
  }
  return rows;
}

std::string Mark(const SubsidyReason& r) {
  if (r.effect == "gate") return r.passed ? "[通过]" : "[未通过]";
  if (r.effect == "rank") return "[排序]";
  if (r.effect == "settlement" || r.effect == "note") return "[说明]";
  return r.passed ? "[适用]" : "[不适用]";
}

void PrintText(const SubsidyDecision& d, const TrainingProject& p,
               std::ostream& out) {
  using policy::Yuan;
  out << "补贴判定：" << (d.eligible ? "可以享受培训补贴" : "不能享受培训补贴")
      << "\n";
  out << "劳动者 " << d.worker_id.str() << "，培训项目 " << p.id.str() << "（"
      << p.title << "），判定日期 " << d.as_of.ToString()
      << "\n适用政策文件：\n";
  std::map<std::string, std::string> titles;
  for (const auto& ref : d.policies) {
    titles[ref.doc] = ref.title;
    out << "  - " << ref.title
        << (ref.number.empty() ? "" : "（" + ref.number + "）") << " ["
        << ref.doc << " 版本 " << ref.version << "]\n";
  }
  out << "逐条判定：\n";
  for (const auto& r : d.reasons) {
    out << "  " << Mark(r) << " " << r.rule << " " << r.message
        << "\n      依据：《" << titles[r.doc] << "》" << r.clause << "：“"
        << r.quote << "”\n";
  }
  const SubsidyAmounts& a = d.amounts;
  out << "金额：\n  基础标准 " << Yuan(a.base_yuan) << "，紧缺上浮 "
      << Yuan(a.shortage_uplift_yuan) << "，紧缺程度系数 " << a.shortage_factor
      << "，培训方式系数 " << a.online_factor << "，补贴标准 "
      << Yuan(a.subsidy_yuan) << "\n  按训后就业结果：未就业 "
      << Yuan(a.by_outcome.none) << " / 灵活就业 "
      << Yuan(a.by_outcome.flexible) << " / 稳定就业 "
      << Yuan(a.by_outcome.stable) << "\n  生活费最高 "
      << Yuan(a.living_allowance_yuan) << "，交通费最高 "
      << Yuan(a.transport_allowance_yuan) << "，技能提升补贴 "
      << Yuan(a.skill_upgrade_yuan) << "\n  个人自付 "
      << Yuan(a.worker_pays_yuan) << "\n";
}

struct Inputs {
  Worker worker;
  TrainingProject project;
  std::optional<Institution> institution;
  policy::ShortageList shortage;
};

// --worker and --project are ids in the data dir's store; the institution and
// the shortage catalogs come from the store too.
Result<Inputs> ReadStoredInputs(const ExplainFlags& flags,
                                const std::string& reference_dir) {
  QC_ASSIGN_OR_RETURN(std::unique_ptr<App> app,
                      App::Open(flags.data_dir, reference_dir));
  const store::Store& store = app->store();
  Inputs in;
  QC_ASSIGN_OR_RETURN(Entity worker,
                      store.Get(EntityKind::kWorker, flags.files.at("worker")));
  in.worker = std::get<Worker>(std::move(worker));
  QC_ASSIGN_OR_RETURN(Entity project, store.Get(EntityKind::kTrainingProject,
                                                flags.files.at("project")));
  in.project = std::get<TrainingProject>(std::move(project));
  Result<Entity> institution =
      store.Get(EntityKind::kInstitution, in.project.institution_id.str());
  if (institution.ok()) in.institution = std::get<Institution>(*institution);
  // The catalogs as the server would see them.
  QC_ASSIGN_OR_RETURN(in.shortage, app->LoadShortage());
  return in;
}

Result<Inputs> ReadInputs(const ExplainFlags& flags) {
  Inputs in;
  QC_ASSIGN_OR_RETURN(in.worker, ReadEntity<Worker>(EntityKind::kWorker,
                                                    flags.files.at("worker")));
  QC_ASSIGN_OR_RETURN(in.project,
                      ReadEntity<TrainingProject>(EntityKind::kTrainingProject,
                                                  flags.files.at("project")));
  if (flags.files.count("institution")) {
    QC_ASSIGN_OR_RETURN(in.institution,
                        ReadEntity<Institution>(EntityKind::kInstitution,
                                                flags.files.at("institution")));
  }
  if (flags.files.count("shortage")) {
    QC_ASSIGN_OR_RETURN(std::vector<ShortageEntry> entries,
                        ReadShortage(flags.files.at("shortage")));
    in.shortage = policy::ShortageList(std::move(entries));
  }
  return in;
}

}  // namespace

int RunExplainCommand(const CommandArgs& args, const CommandContext& ctx) {
  auto flags = ParseArgs(args);
  if (!flags.ok()) {
    ctx.err << "explain: " << flags.status() << "\n" << kUsage;
    return 2;
  }
  if (flags->help) {
    ctx.out << kUsage;
    return 0;
  }
  auto in = flags->data_dir.empty()
                ? ReadInputs(*flags)
                : ReadStoredInputs(*flags, ctx.reference_dir);
  auto policies = policy::PolicySet::Load(ctx.reference_dir + "/policies");
  Result<Date> day = flags->date.empty() ? Result<Date>(Date())
                                         : Date::Parse(flags->date, "--date");
  for (const Status& s : {in.status(), policies.status(), day.status()}) {
    if (!s.ok()) {
      ctx.err << "explain: " << s << "\n";
      return 1;
    }
  }
  policy::Eligibility eligibility(*policies, in->shortage);
  const Institution* inst = in->institution ? &*in->institution : nullptr;
  auto decision =
      eligibility.Decide(in->worker, in->project, inst,
                         flags->date.empty() ? in->project.start_date : *day);
  if (!decision.ok()) {
    ctx.err << "explain: " << decision.status() << "\n";
    return 1;
  }
  if (flags->json) {
    nlohmann::json out;
    EncodeSubsidyDecision(*decision, &out);
    ctx.out << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << "\n";
  } else {
    PrintText(*decision, in->project, ctx.out);
  }
  return 0;
}

}  // namespace qiancheng::api
