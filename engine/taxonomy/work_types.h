// taxonomy/work_types.h -- recovers 工种 names from occupations_2022.csv's
// work_types_raw, where the source lost the separators
// ("客车司机城市公共汽电车司机"). The run is segmented with the dictionary
// (jieba + occupation names, no HMM) and cut after each word that ends a job
// title: a word ending in 员 工 师 士 者 手 匠, or 司机 (not 人 or 家: 机器人,
// 国家 end modifiers far more often). A cut is kept only when both sides are >=
// 3 characters (手工, 员工 are modifiers); what cannot be split this way,
// including a tail the source truncated, stays one alias. Pure function;
// thread-safe.
#ifndef QIANCHENG_TAXONOMY_WORK_TYPES_H_
#define QIANCHENG_TAXONOMY_WORK_TYPES_H_

#include <string>
#include <string_view>
#include <vector>

namespace qiancheng::taxonomy {

// Splits `raw` given its dictionary segmentation `tokens` (views into `raw`
// that tile it). Returns the 工种 in order; empty for an empty `raw`.
std::vector<std::string> SplitWorkTypes(
    std::string_view raw, const std::vector<std::string_view>& tokens);

// True when `word` ends a job title (see above).
bool EndsJobTitle(std::string_view word);

}  // namespace qiancheng::taxonomy

#endif  // QIANCHENG_TAXONOMY_WORK_TYPES_H_
