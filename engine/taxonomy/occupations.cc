#include "taxonomy/occupations.h"

#include <algorithm>

#include "taxonomy/internal/csv.h"
#include "taxonomy/work_types.h"

namespace qiancheng::taxonomy {
namespace {

using internal::CsvTable;

// Strips a leading "12." / "3、" numbering and surrounding spaces.
std::string_view StripNumbering(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i > 0 && i < s.size() && s[i] == '.') s.remove_prefix(i + 1);
  if (i > 0 && s.substr(i).rfind("、", 0) == 0) s.remove_prefix(i + 3);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<std::string> SplitTaskSentences(std::string_view main_tasks) {
  std::vector<std::string> out;
  size_t begin = 0;
  for (size_t i = 0; i <= main_tasks.size();) {
    size_t sep = 0;
    if (i == main_tasks.size()) {
      sep = 1;
    } else if (main_tasks[i] == ';') {
      sep = 1;
    } else if (main_tasks.substr(i, 3) == "；" ||
               main_tasks.substr(i, 3) == "。") {
      sep = 3;
    }
    if (sep == 0) {
      ++i;
      continue;
    }
    const std::string_view part =
        StripNumbering(main_tasks.substr(begin, i - begin));
    if (!part.empty()) out.emplace_back(part);
    i += sep;
    begin = i;
  }
  return out;
}

Status OccupationCatalog::AddGroups(const std::string& categories_csv) {
  QC_ASSIGN_OR_RETURN(CsvTable table, CsvTable::Read(categories_csv));
  QC_ASSIGN_OR_RETURN(size_t code_col, table.Column("code"));
  QC_ASSIGN_OR_RETURN(size_t name_col, table.Column("name"));
  QC_ASSIGN_OR_RETURN(size_t desc_col, table.Column("description"));
  for (size_t i = 0; i < table.rows().size(); ++i) {
    const auto& row = table.rows()[i];
    auto code =
        OccupationCode::Parse(row[code_col], "code", /*allow_group=*/true);
    if (!code.ok() || code->depth() > 3) {
      return Status::InvalidArgument(table.Where(i),
                                     "bad group code " + row[code_col]);
    }
    if (!group_by_code_.emplace(code->str(), groups_.size()).second) {
      return Status::InvalidArgument(table.Where(i),
                                     "duplicate group code " + code->str());
    }
    groups_.push_back(OccupationGroup{code->str(),
                                      static_cast<GroupLevel>(code->depth()),
                                      row[name_col], row[desc_col]});
  }
  return Status::Ok();
}

Status OccupationCatalog::AddEntries(const std::string& occupations_csv,
                                     const text::Normalizer& normalizer,
                                     text::SegmenterBuilder* builder) {
  QC_ASSIGN_OR_RETURN(CsvTable table, CsvTable::Read(occupations_csv));
  QC_ASSIGN_OR_RETURN(size_t code_col, table.Column("code"));
  QC_ASSIGN_OR_RETURN(size_t name_col, table.Column("name"));
  QC_ASSIGN_OR_RETURN(size_t kind_col, table.Column("kind"));
  QC_ASSIGN_OR_RETURN(size_t def_col, table.Column("definition"));
  QC_ASSIGN_OR_RETURN(size_t tasks_col, table.Column("main_tasks"));
  QC_ASSIGN_OR_RETURN(size_t raw_col, table.Column("work_types_raw"));
  for (size_t i = 0; i < table.rows().size(); ++i) {
    const auto& row = table.rows()[i];
    // Residual "其他…" rows carry 3-part codes (2-02-99, 4-99-00).
    auto code =
        OccupationCode::Parse(row[code_col], "code", /*allow_group=*/true);
    if (!code.ok() || code->depth() < 3)
      return Status::InvalidArgument(table.Where(i),
                                     "bad code " + row[code_col]);
    if (!by_code_.emplace(code->str(), entries_.size()).second) {
      return Status::InvalidArgument(table.Where(i),
                                     "duplicate code " + code->str());
    }
    OccupationEntry e;
    e.occupation.code = *code;
    e.occupation.name = row[name_col];
    e.occupation.definition = row[def_col];
    e.occupation.main_tasks = row[tasks_col];
    e.task_sentences = SplitTaskSentences(row[tasks_col]);
    e.residual = row[kind_col] != "细类";
    entries_.push_back(std::move(e));
    if (builder != nullptr)
      builder->AddWord(normalizer.Normalize(row[name_col]));
  }
  // 工种 second: the split uses every occupation name as a dictionary word.
  std::vector<std::string> raws;
  for (const auto& row : table.rows()) raws.push_back(row[raw_col]);
  AddWorkTypes(raws, normalizer, builder);
  return Status::Ok();
}

void OccupationCatalog::AddWorkTypes(const std::vector<std::string>& raws,
                                     const text::Normalizer& normalizer,
                                     text::SegmenterBuilder* builder) {
  for (size_t i = 0; i < raws.size(); ++i) {
    const std::string raw = normalizer.Normalize(raws[i]);
    if (raw.empty()) continue;
    std::vector<std::string_view> tokens;
    if (builder != nullptr) tokens = builder->CutWithoutHmm(raw);
    OccupationEntry& e = entries_[i];
    e.work_types = SplitWorkTypes(raw, tokens);
    e.occupation.aliases = e.work_types;
  }
  if (builder == nullptr) return;
  for (const auto& e : entries_) {
    for (const auto& w : e.work_types) builder->AddWord(w);
  }
}

void OccupationCatalog::IndexNames(const text::Normalizer& normalizer) {
  for (size_t i = 0; i < entries_.size(); ++i) {
    by_name_[normalizer.Normalize(entries_[i].occupation.name)].push_back(i);
  }
  for (size_t i = 0; i < entries_.size(); ++i) {
    for (const auto& alias : entries_[i].occupation.aliases) {
      auto& list = by_alias_[normalizer.Normalize(alias)];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }
}

Result<OccupationCatalog> OccupationCatalog::Load(
    const std::string& occupations_csv, const std::string& categories_csv,
    const text::Normalizer& normalizer, text::SegmenterBuilder* builder) {
  OccupationCatalog catalog;
  QC_RETURN_IF_ERROR(catalog.AddGroups(categories_csv));
  QC_RETURN_IF_ERROR(catalog.AddEntries(occupations_csv, normalizer, builder));
  catalog.IndexNames(normalizer);
  catalog.normalizer_ = normalizer;
  return catalog;
}

const OccupationEntry* OccupationCatalog::Find(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &entries_[it->second];
}

const OccupationGroup* OccupationCatalog::FindGroup(
    std::string_view code) const {
  auto it = group_by_code_.find(std::string(code));
  return it == group_by_code_.end() ? nullptr : &groups_[it->second];
}

std::vector<const OccupationGroup*> OccupationCatalog::Ancestors(
    std::string_view code) const {
  std::vector<const OccupationGroup*> out;
  auto parsed = OccupationCode::Parse(code, "code", /*allow_group=*/true);
  if (!parsed.ok()) return out;
  for (int depth = 1; depth < parsed->depth() && depth <= 3; ++depth) {
    if (const OccupationGroup* g = FindGroup(parsed->Prefix(depth)))
      out.push_back(g);
  }
  return out;
}

std::vector<const OccupationEntry*> OccupationCatalog::Lookup(
    const std::unordered_map<std::string, std::vector<size_t>>& index,
    std::string_view name) const {
  std::vector<const OccupationEntry*> out;
  auto it = index.find(normalizer_ ? normalizer_->Normalize(name)
                                   : std::string(name));
  if (it == index.end()) return out;
  for (size_t i : it->second) out.push_back(&entries_[i]);
  return out;
}

std::vector<const OccupationEntry*> OccupationCatalog::FindByOccupationName(
    std::string_view name) const {
  return Lookup(by_name_, name);
}

std::vector<const OccupationEntry*> OccupationCatalog::FindByWorkType(
    std::string_view name) const {
  return Lookup(by_alias_, name);
}

std::vector<const OccupationEntry*> OccupationCatalog::FindByName(
    std::string_view name) const {
  std::vector<const OccupationEntry*> out = FindByOccupationName(name);
  for (const OccupationEntry* e : FindByWorkType(name)) {
    if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
  }
  return out;
}

}  // namespace qiancheng::taxonomy
