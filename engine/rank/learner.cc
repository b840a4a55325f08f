#include "rank/learner.h"

#include <Eigen/Dense>
#include <cmath>

namespace qiancheng::rank {

Result<LearnedWeights> FitLogistic(std::span<const LabelledExample> examples,
                                   double scale_to,
                                   const LearnerOptions& options) {
  LearnedWeights out;
  out.examples = examples.size();
  for (const LabelledExample& e : examples) out.positives += e.positive;
  const size_t negatives = out.examples - out.positives;
  if (out.examples < options.min_examples ||
      out.positives < options.min_positives ||
      negatives < options.min_positives) {
    return Status::FailedPrecondition(
        "not enough recorded outcomes to learn weights (" +
        std::to_string(out.examples) + " examples, " +
        std::to_string(out.positives) + " positive)");
  }
  const std::vector<FeatureValue>& names = examples.front().features;
  const Eigen::Index d = static_cast<Eigen::Index>(names.size()) + 1;  // bias
  const Eigen::Index n = static_cast<Eigen::Index>(examples.size());
  Eigen::MatrixXd x(n, d);
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const LabelledExample& e = examples[static_cast<size_t>(i)];
    if (e.features.size() != names.size()) {
      return Status::InvalidArgument("examples",
                                     "every example needs the same features");
    }
    for (size_t j = 0; j < names.size(); ++j) {
      if (e.features[j].name != names[j].name) {
        return Status::InvalidArgument(
            "examples",
            "features must come in the same order in every example");
      }
      x(i, static_cast<Eigen::Index>(j)) = Unit(e.features[j].value);
    }
    x(i, d - 1) = 1.0;
    y(i) = e.positive ? 1.0 : 0.0;
  }
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(d);
  Eigen::MatrixXd ridge = Eigen::MatrixXd::Identity(d, d) * options.l2;
  ridge(d - 1, d - 1) = 0;  // the bias is not penalised
  for (out.iterations = 0; out.iterations < options.max_iterations;
       ++out.iterations) {
    Eigen::VectorXd eta = x * beta;
    Eigen::VectorXd p = (1.0 + (-eta.array()).exp()).inverse().matrix();
    Eigen::VectorXd w = (p.array() * (1.0 - p.array())).max(1e-9).matrix();
    Eigen::VectorXd gradient = x.transpose() * (p - y) + ridge * beta;
    Eigen::MatrixXd hessian = x.transpose() * w.asDiagonal() * x + ridge;
    Eigen::VectorXd step = hessian.ldlt().solve(gradient);
    beta -= step;
    if (step.norm() < options.tolerance) break;
  }
  double loss = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double eta = x.row(i).dot(beta);
    const double p = 1.0 / (1.0 + std::exp(-eta));
    loss -= y(i) > 0.5 ? std::log(std::max(p, 1e-12))
                       : std::log(std::max(1.0 - p, 1e-12));
  }
  out.log_loss = loss / static_cast<double>(n);
  out.bias = beta(d - 1);
  double total = 0;
  for (size_t j = 0; j < names.size(); ++j) {
    total += std::max(0.0, beta(static_cast<Eigen::Index>(j)));
  }
  for (size_t j = 0; j < names.size(); ++j) {
    const double b = std::max(0.0, beta(static_cast<Eigen::Index>(j)));
    out.weights[names[j].name] = total > 0 ? b * scale_to / total : 0.0;
  }
  return out;
}

}  // namespace qiancheng::rank
