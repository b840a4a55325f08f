// embed/recipes.h -- stage 3, first step: an entity -> the EmbedInput the
// embedder sees. One recipe per kind, so a vacancy, a training project, a
// worker and an occupation of the same trade are described with comparable
// words and the same occupation codes:
//   vacancy:    title, description, skills          + occupation_code (1.0)
//   project:    title, description                  + occupation_code (1.0)
//   occupation: name, 工种, definition, main tasks   + its code (1.0)
//   worker:     wish text, skills                   + wished codes (1.0),
//               certificate codes (0.5), work-history codes (0.3).
// A worker whose wishes name no code but have text gets the classifier's top
// occupations for that text (see WorkerInput). Pure functions; thread-safe.
#ifndef QIANCHENG_EMBED_RECIPES_H_
#define QIANCHENG_EMBED_RECIPES_H_

#include "core/domain.h"
#include "embed/embedder.h"
#include "taxonomy/classifier.h"
#include "taxonomy/occupations.h"

namespace qiancheng::embed {

// Occupation weights of the worker recipe: what a worker asks for counts more
// than what they hold, which counts more than what they did.
inline constexpr float kWishWeight = 1.0f;
inline constexpr float kCertificateWeight = 0.5f;
inline constexpr float kWorkHistoryWeight = 0.3f;
// Classified wishes: at most this many occupations, each scoring at least this
// share of the best one (weights are score / best score).
inline constexpr size_t kWishClassifications = 3;
inline constexpr double kWishMinScoreShare = 0.5;

EmbedInput VacancyInput(const Vacancy& vacancy);
EmbedInput ProjectInput(const TrainingProject& project);
EmbedInput OccupationInput(const taxonomy::OccupationEntry& entry);
// Wishes (text, occupation_codes), skills, certificates, work history. When
// the wishes name no occupation code but have text, the text is classified
// with `classifier` (may be null: then text only) and the top occupations are
// added with weights from their scores.
EmbedInput WorkerInput(const Worker& worker,
                       const taxonomy::OccupationClassifier* classifier);

}  // namespace qiancheng::embed

#endif  // QIANCHENG_EMBED_RECIPES_H_
