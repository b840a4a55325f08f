#include "index/distance.h"

#include <immintrin.h>

namespace qiancheng::index {

float L2SqrPortable(const float* a, const float* b, size_t dim) {
  float acc[4] = {0, 0, 0, 0};
  size_t i = 0;
  for (; i + 4 <= dim; i += 4) {
    for (size_t j = 0; j < 4; ++j) {
      const float d = a[i + j] - b[i + j];
      acc[j] += d * d;
    }
  }
  float sum = (acc[0] + acc[1]) + (acc[2] + acc[3]);
  for (; i < dim; ++i) {
    const float d = a[i] - b[i];
    sum += d * d;
  }
  return sum;
}

namespace {

__attribute__((target("avx2,fma"))) float L2SqrAvx2(const float* a,
                                                    const float* b,
                                                    size_t dim) {
  __m256 acc0 = _mm256_setzero_ps();
  __m256 acc1 = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 16 <= dim; i += 16) {
    const __m256 d0 =
        _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
    const __m256 d1 =
        _mm256_sub_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8));
    acc0 = _mm256_fmadd_ps(d0, d0, acc0);
    acc1 = _mm256_fmadd_ps(d1, d1, acc1);
  }
  for (; i + 8 <= dim; i += 8) {
    const __m256 d0 =
        _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
    acc0 = _mm256_fmadd_ps(d0, d0, acc0);
  }
  const __m256 acc = _mm256_add_ps(acc0, acc1);
  __m128 s =
      _mm_add_ps(_mm256_castps256_ps128(acc), _mm256_extractf128_ps(acc, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  float sum = _mm_cvtss_f32(s);
  for (; i < dim; ++i) {
    const float d = a[i] - b[i];
    sum += d * d;
  }
  return sum;
}

// g++ 12's avx512fintrin.h builds _mm512_reduce_add_ps from a deliberately
// uninitialised register (_mm256_undefined_pd), which -Werror rejects.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
__attribute__((target("avx512f"))) float L2SqrAvx512(const float* a,
                                                     const float* b,
                                                     size_t dim) {
  __m512 acc0 = _mm512_setzero_ps();
  __m512 acc1 = _mm512_setzero_ps();
  size_t i = 0;
  for (; i + 32 <= dim; i += 32) {
    const __m512 d0 =
        _mm512_sub_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i));
    const __m512 d1 =
        _mm512_sub_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16));
    acc0 = _mm512_fmadd_ps(d0, d0, acc0);
    acc1 = _mm512_fmadd_ps(d1, d1, acc1);
  }
  if (i < dim) {
    // Masked loads cover the last 1..31 floats without reading past the end.
    for (; i < dim; i += 16) {
      const size_t left = dim - i;
      const __mmask16 mask = left >= 16
                                 ? static_cast<__mmask16>(0xFFFF)
                                 : static_cast<__mmask16>((1u << left) - 1u);
      const __m512 d0 = _mm512_sub_ps(_mm512_maskz_loadu_ps(mask, a + i),
                                      _mm512_maskz_loadu_ps(mask, b + i));
      acc0 = _mm512_fmadd_ps(d0, d0, acc0);
    }
  }
  return _mm512_reduce_add_ps(_mm512_add_ps(acc0, acc1));
}

#pragma GCC diagnostic pop

L2SqrFn Pick(std::string_view* name) {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) {
    *name = "avx512";
    return &L2SqrAvx512;
  }
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    *name = "avx2";
    return &L2SqrAvx2;
  }
  *name = "portable";
  return &L2SqrPortable;
}

struct Choice {
  std::string_view name;
  L2SqrFn fn;
  Choice() : fn(Pick(&name)) {}
};

const Choice& TheChoice() {
  static const Choice choice;
  return choice;
}

}  // namespace

L2SqrFn L2SqrKernel() { return TheChoice().fn; }

std::vector<NamedKernel> SupportedL2SqrKernels() {
  __builtin_cpu_init();
  std::vector<NamedKernel> kernels;
  if (__builtin_cpu_supports("avx512f"))
    kernels.push_back({"avx512", &L2SqrAvx512});
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    kernels.push_back({"avx2", &L2SqrAvx2});
  }
  kernels.push_back({"portable", &L2SqrPortable});
  return kernels;
}
std::string_view L2SqrKernelName() { return TheChoice().name; }

}  // namespace qiancheng::index
