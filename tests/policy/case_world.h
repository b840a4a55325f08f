// tests/policy/case_world.h -- builds the entities of one policy case row
// from its compact key=value cells (see cases/README.md for the columns).
// Test data only: hand-written, not real people.
#ifndef QIANCHENG_TESTS_POLICY_CASE_WORLD_H_
#define QIANCHENG_TESTS_POLICY_CASE_WORLD_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "policy/settlement.h"

namespace qiancheng::testing {

using Cells = std::map<std::string, std::string>;

// "a=1;b=x" -> {a: 1, b: x}; "-" or "" -> {}.
Cells ParseCells(const std::string& text);

struct CaseWorld {
  TrainingProject project;
  std::optional<Institution> institution;
  Worker worker;
  std::vector<ShortageEntry> shortage;
  Date day;
};

// The row's world from its date, project, worker, history and shortage cells.
CaseWorld BuildWorld(const std::string& date, const Cells& project,
                     const Cells& worker, const std::string& history,
                     const Cells& shortage);

// A class of trainees from the row's extra cell (settle rows).
policy::ClassRecord BuildClass(const CaseWorld& world, const Cells& extra);

}  // namespace qiancheng::testing

#endif  // QIANCHENG_TESTS_POLICY_CASE_WORLD_H_
