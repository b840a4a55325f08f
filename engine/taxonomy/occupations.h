// taxonomy/occupations.h -- reference data beside the flow: the national
// occupation classification (职业分类大典 2022) that shortage catalogs, subsidy
// standards, certificates, trainings and vacancies are keyed by.
// Codes are N-NN-NN-NN; a 细类's groups are its prefixes: 大类 "4", 中类
// "4-10", 小类 "4-10-01". Every 细类 row becomes an OccupationEntry whose
// aliases are its 工种 (recovered from work_types_raw, see work_types.h); main
// tasks are kept whole and as numbered sentences. Names and aliases keep the
// source's text; lookups compare normalised text (normalize.h). Immutable after
// Load(); const methods are thread-safe.
#ifndef QIANCHENG_TAXONOMY_OCCUPATIONS_H_
#define QIANCHENG_TAXONOMY_OCCUPATIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/domain.h"
#include "core/result.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace qiancheng::taxonomy {

enum class GroupLevel {
  kMajor = 1,
  kMiddle = 2,
  kMinor = 3
};  // 大类 中类 小类

struct OccupationGroup {
  std::string code;  // "4", "4-10", "4-10-01"
  GroupLevel level = GroupLevel::kMajor;
  std::string name;
  std::string
      description;  // empty for groups 1, 7, 8 (names only in the source)
};

struct OccupationEntry {
  Occupation
      occupation;  // code, name, aliases (= work_types), definition, main_tasks
  std::vector<std::string> work_types;      // 工种, in source order
  std::vector<std::string> task_sentences;  // main_tasks split at "N." / ";"
  bool residual = false;  // an "其他…" (兜底类) row; its code may have 3 parts
};

class OccupationCatalog {
 public:
  // Reads occupations_2022.csv and occupation_categories_2022.csv. Adds every
  // occupation name to `builder` (so names segment whole), then splits each
  // work_types_raw with it and adds the 工种 too. With a null
  // `builder` each raw string stays one alias. kNotFound for a missing file,
  // kInvalidArgument ("file:line") for a bad code or a duplicate.
  static Result<OccupationCatalog> Load(const std::string& occupations_csv,
                                        const std::string& categories_csv,
                                        const text::Normalizer& normalizer,
                                        text::SegmenterBuilder* builder);

  // The 细类 with `code`, or nullptr.
  const OccupationEntry* Find(std::string_view code) const;
  // The 大类/中类/小类 with `code` ("4", "4-10", "4-10-01"), or nullptr.
  const OccupationGroup* FindGroup(std::string_view code) const;
  // The groups above `code` (any depth), outermost first: 大类, 中类, 小类.
  std::vector<const OccupationGroup*> Ancestors(std::string_view code) const;
  // Entries whose name or a 工种 equals `name` after normalisation, names
  // first.
  std::vector<const OccupationEntry*> FindByName(std::string_view name) const;
  // Entries whose occupation name equals `name` (normalised); the source has a
  // few names under two codes, so there may be more than one.
  std::vector<const OccupationEntry*> FindByOccupationName(
      std::string_view name) const;
  // Entries with a 工种 equal to `name` (normalised).
  std::vector<const OccupationEntry*> FindByWorkType(
      std::string_view name) const;

  const std::vector<OccupationEntry>& entries() const { return entries_; }
  const std::vector<OccupationGroup>& groups() const { return groups_; }

 private:
  Status AddGroups(const std::string& categories_csv);
  Status AddEntries(const std::string& occupations_csv,
                    const text::Normalizer& normalizer,
                    text::SegmenterBuilder* builder);
  // Splits each entry's raw 工种 string (raws[i] belongs to entries_[i]).
  void AddWorkTypes(const std::vector<std::string>& raws,
                    const text::Normalizer& normalizer,
                    text::SegmenterBuilder* builder);
  void IndexNames(const text::Normalizer& normalizer);

  std::vector<OccupationEntry> entries_;
  std::vector<OccupationGroup> groups_;
  std::unordered_map<std::string, size_t> by_code_;  // 细类 code -> entries_
  std::unordered_map<std::string, size_t>
      group_by_code_;  // group code -> groups_
  std::vector<const OccupationEntry*> Lookup(
      const std::unordered_map<std::string, std::vector<size_t>>& index,
      std::string_view name) const;

  std::unordered_map<std::string, std::vector<size_t>>
      by_name_;  // normalised name
  std::unordered_map<std::string, std::vector<size_t>>
      by_alias_;                                // normalised 工种
  std::optional<text::Normalizer> normalizer_;  // set by Load(); for FindByName
};

// Splits 主要工作任务 text ("1.照料…;2.采取…。") into its numbered sentences.
std::vector<std::string> SplitTaskSentences(std::string_view main_tasks);

}  // namespace qiancheng::taxonomy

#endif  // QIANCHENG_TAXONOMY_OCCUPATIONS_H_
