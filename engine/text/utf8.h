// text/utf8.h -- the UTF-8 primitives of stage 2 (text): decode one code point,
// append one, and classify code points the way jieba's regular expressions do.
// Invalid bytes decode to U+FFFD and advance one byte, so every input is
// consumed and no function here fails. Pure functions; thread-safe.
#ifndef QIANCHENG_TEXT_UTF8_H_
#define QIANCHENG_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace qiancheng::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point at `*pos` of `s` and advances `*pos` past it.
// REQUIRES: *pos < s.size().
char32_t DecodeUtf8(std::string_view s, size_t* pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string* out);

// Number of code points in `s`.
size_t CountCodePoints(std::string_view s);

// CJK unified ideographs as jieba's re_han matches them (U+4E00..U+9FD5).
inline bool IsHan(char32_t cp) { return cp >= 0x4E00 && cp <= 0x9FD5; }
inline bool IsAsciiAlnum(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         (cp >= '0' && cp <= '9');
}
inline bool IsAsciiDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }
// True for the characters of jieba's re_han_default: han, ASCII letters and
// digits, and "+#&._%-" (so "c++", "3.5%" and "b2b" stay in one block).
bool IsWordChar(char32_t cp);

}  // namespace qiancheng::text

#endif  // QIANCHENG_TEXT_UTF8_H_
