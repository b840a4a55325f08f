#include "embed/recipes.h"

namespace qiancheng::embed {
namespace {

// Joins non-empty parts with a line break: a boundary the segmenter and the
// bigram extractor do not read across.
void AppendPart(std::string* text, std::string_view part) {
  if (part.empty()) return;
  if (!text->empty()) text->push_back('\n');
  text->append(part);
}

void AppendCode(EmbedInput* input, const OccupationCode& code, float weight) {
  if (!code.empty()) input->occupations.push_back({code.str(), weight});
}

}  // namespace

EmbedInput VacancyInput(const Vacancy& vacancy) {
  EmbedInput input;
  AppendPart(&input.text, vacancy.title);
  AppendPart(&input.text, vacancy.description);
  for (const auto& skill : vacancy.skills) AppendPart(&input.text, skill);
  AppendCode(&input, vacancy.occupation_code, 1.0f);
  return input;
}

EmbedInput ProjectInput(const TrainingProject& project) {
  EmbedInput input;
  AppendPart(&input.text, project.title);
  AppendPart(&input.text, project.description);
  AppendCode(&input, project.occupation_code, 1.0f);
  return input;
}

EmbedInput OccupationInput(const taxonomy::OccupationEntry& entry) {
  EmbedInput input;
  AppendPart(&input.text, entry.occupation.name);
  for (const auto& work_type : entry.work_types)
    AppendPart(&input.text, work_type);
  AppendPart(&input.text, entry.occupation.definition);
  AppendPart(&input.text, entry.occupation.main_tasks);
  AppendCode(&input, entry.occupation.code, 1.0f);
  return input;
}

EmbedInput WorkerInput(const Worker& worker,
                       const taxonomy::OccupationClassifier* classifier) {
  EmbedInput input;
  const TrainingWishes& wishes = worker.wishes;
  AppendPart(&input.text, wishes.text);
  for (const auto& skill : worker.skills) AppendPart(&input.text, skill);
  for (const auto& code : wishes.occupation_codes)
    AppendCode(&input, code, kWishWeight);
  if (wishes.occupation_codes.empty() && !wishes.text.empty() && classifier) {
    // Scores are comparable within one query only, so weights are relative
    // to the best candidate; weak candidates would only blur the wish.
    const auto found = classifier->Classify(wishes.text, kWishClassifications);
    for (const auto& c : found) {
      if (c.score <= 0 || c.score < kWishMinScoreShare * found.front().score)
        break;
      input.occupations.push_back(
          {c.code,
           kWishWeight * static_cast<float>(c.score / found.front().score)});
    }
  }
  for (const auto& certificate : worker.certificates)
    AppendCode(&input, certificate.occupation_code, kCertificateWeight);
  for (const auto& record : worker.work_history) {
    if (record.occupation_code)
      AppendCode(&input, *record.occupation_code, kWorkHistoryWeight);
  }
  return input;
}

}  // namespace qiancheng::embed
