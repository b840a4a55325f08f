// index/distance.h -- stage 4 (index) of DESIGN.md: the distance kernels every
// index of this stage uses, compiled in this project rather than taken from the
// baseline-x86-64 Debian FAISS build. L2Sqr() is bound once, at first use, to
// the best kernel the CPU supports (AVX-512F, else AVX2+FMA, else portable
// C++), chosen with __builtin_cpu_supports; all kernels agree to float
// rounding. Thread-safety: pure functions; safe from any thread.
#ifndef QIANCHENG_INDEX_DISTANCE_H_
#define QIANCHENG_INDEX_DISTANCE_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace qiancheng::index {

// Squared Euclidean distance between a[0..dim) and b[0..dim).
using L2SqrFn = float (*)(const float* a, const float* b, size_t dim);

// The kernel picked for this CPU.
L2SqrFn L2SqrKernel();

// "avx512", "avx2" or "portable": the kernel L2SqrKernel() returns.
std::string_view L2SqrKernelName();

struct NamedKernel {
  std::string_view name;
  L2SqrFn fn;
};
// Every kernel this CPU can run, portable last (the tests compare them).
std::vector<NamedKernel> SupportedL2SqrKernels();

// The portable kernel, always available (tests compare the others against it).
float L2SqrPortable(const float* a, const float* b, size_t dim);

inline float L2Sqr(const float* a, const float* b, size_t dim) {
  static const L2SqrFn fn = L2SqrKernel();
  return fn(a, b, dim);
}

}  // namespace qiancheng::index

#endif  // QIANCHENG_INDEX_DISTANCE_H_
