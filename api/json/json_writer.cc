#include "api/json/json_writer.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace qiancheng::api {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence at s[i], or 0 when it is invalid
// (overlong forms, surrogates and code points above U+10FFFF included).
size_t Utf8Length(std::string_view s, size_t i) {
  const auto byte = [&](size_t j) { return static_cast<unsigned char>(s[j]); };
  const unsigned char b = byte(i);
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t j = 2; j < n; ++j) {
    if (byte(i + j) < 0x80 || byte(i + j) > 0xBF) return 0;
  }
  return n;
}

void AppendEscaped(std::string_view s, std::string* out) {
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // The longest run that needs no escape (ASCII but quotes, backslashes
    // and control characters; valid UTF-8 sequences) is copied at once.
    size_t run = i;
    while (run < s.size()) {
      const unsigned char c = static_cast<unsigned char>(s[run]);
      if (c >= 0x80) {
        const size_t n = Utf8Length(s, run);
        if (n == 0) break;
        run += n;
        continue;
      }
      if (c < 0x20 || c == '"' || c == '\\') break;
      ++run;
    }
    out->append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    ++i;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c >= 0x80) {  // not valid UTF-8 here: never echoed
          out->append(kReplacement);
        } else {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
        }
    }
  }
  out->push_back('"');
}

}  // namespace

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;
  const uint64_t bit = uint64_t{1} << (depth_ - 1);
  if (has_value_ & bit) out_->push_back(',');
  has_value_ |= bit;
}

void JsonWriter::Open(char bracket) {
  Separate();
  // Deeper nesting would share bits; responses written here are shallow.
  assert(depth_ < 64 && "JsonWriter nesting too deep");
  out_->push_back(bracket);
  ++depth_;
  has_value_ &= ~(uint64_t{1} << (depth_ - 1));
}

void JsonWriter::Close(char bracket) {
  assert(depth_ > 0 && !after_key_ && "JsonWriter: unbalanced End");
  --depth_;
  out_->push_back(bracket);
}

void JsonWriter::Key(std::string_view key) {
  Separate();
  assert(std::none_of(key.begin(), key.end(),
                      [](char c) {
                        return c == '"' || c == '\\' ||
                               static_cast<unsigned char>(c) < 0x20;
                      }) &&
         "JsonWriter keys are plain names");
  out_->push_back('"');
  out_->append(key);
  out_->append("\":");
  after_key_ = true;
}

void JsonWriter::Ymd(int year, int month, int day) {
  Separate();
  if (year < 0 || year > 9999) {
    char buf[32];
    const int n =
        std::snprintf(buf, sizeof buf, "\"%04d-%02d-%02d\"", year, month, day);
    out_->append(buf, static_cast<size_t>(std::max(0, n)));
    return;
  }
  char buf[12] = {'"',
                  static_cast<char>('0' + year / 1000),
                  static_cast<char>('0' + year / 100 % 10),
                  static_cast<char>('0' + year / 10 % 10),
                  static_cast<char>('0' + year % 10),
                  '-',
                  static_cast<char>('0' + month / 10),
                  static_cast<char>('0' + month % 10),
                  '-',
                  static_cast<char>('0' + day / 10),
                  static_cast<char>('0' + day % 10),
                  '"'};
  out_->append(buf, sizeof buf);
}

void JsonWriter::String(std::string_view text) {
  Separate();
  AppendEscaped(text, out_);
}

void JsonWriter::Number(double value) {
  Separate();
  if (!std::isfinite(value)) {
    out_->append("null");
    return;
  }
  char buf[32];
  char* end = buf;
  // Most numbers of a response are whole yuan or values rounded to a few
  // decimals. Both are written from an integer when that reads back to the
  // same double (strtod of "0.1234" is the double nearest 1234 / 1e4, which
  // is what the division gives); the rest take the general shortest form.
  const double scaled = value * 1e4;
  if (std::fabs(scaled) < 1e15 && std::nearbyint(scaled) == scaled &&
      static_cast<double>(static_cast<int64_t>(scaled)) / 1e4 == value) {
    const int64_t n = static_cast<int64_t>(scaled);
    const uint64_t magnitude = n < 0 ? uint64_t{0} - static_cast<uint64_t>(n)
                                     : static_cast<uint64_t>(n);
    const uint64_t whole = magnitude / 10000, frac = magnitude % 10000;
    if (n < 0) *end++ = '-';
    end = std::to_chars(end, buf + sizeof buf, whole).ptr;
    if (frac != 0) {
      char digits[4] = {static_cast<char>('0' + frac / 1000),
                        static_cast<char>('0' + frac / 100 % 10),
                        static_cast<char>('0' + frac / 10 % 10),
                        static_cast<char>('0' + frac % 10)};
      int len = 4;
      while (digits[len - 1] == '0') --len;
      *end++ = '.';
      for (int i = 0; i < len; ++i) *end++ = digits[i];
    }
  } else {
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value);
    end = ec == std::errc() ? ptr : buf;
  }
  out_->append(buf, end);
}

void JsonWriter::Int(int64_t value) {
  Separate();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out_->append(buf, ec == std::errc() ? end : buf);
}

void JsonWriter::Bool(bool value) {
  Separate();
  out_->append(value ? "true" : "false");
}

void JsonWriter::Null() {
  Separate();
  out_->append("null");
}

}  // namespace qiancheng::api
