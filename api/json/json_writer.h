// api/json/json_writer.h -- appends JSON text to a string as it goes, without
// building a document first. The list routes write their responses with it:
// a nlohmann::json tree costs an allocation per value and per key, which for
// a list of trainings was as much CPU as computing the list. Strings are
// escaped as nlohmann's dump() does (UTF-8 kept, control characters and
// quotes escaped); invalid UTF-8 is replaced by U+FFFD, never echoed.
// Numbers: the shortest text that reads back to the same double; NaN and
// infinities are written as null. The caller pairs Begin/End calls; the
// writer places the commas. Not thread-safe; one writer per response.
#ifndef QIANCHENG_API_JSON_JSON_WRITER_H_
#define QIANCHENG_API_JSON_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace qiancheng::api {

class JsonWriter {
 public:
  // Appends to *out, which must outlive the writer.
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // The key of the next value inside an object. Keys are the code's own
  // ASCII names: written as they are, without escaping.
  void Key(std::string_view key);

  void String(std::string_view text);
  // A date as "YYYY-MM-DD" (Date::ToString() without its printf).
  void Ymd(int year, int month, int day);
  void Number(double value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();

  // Key() then the value, for the common case.
  template <class T>
  void Field(std::string_view key, const T& value) {
    Key(key);
    Value(value);
  }

 private:
  void Value(std::string_view v) { String(v); }
  void Value(const std::string& v) { String(v); }
  void Value(const char* v) { String(v); }
  void Value(double v) { Number(v); }
  void Value(int v) { Int(v); }
  void Value(long v) { Int(v); }
  void Value(unsigned long v) { Int(static_cast<int64_t>(v)); }
  void Value(bool v) { Bool(v); }

  // A comma before every value but the first of its container.
  void Separate();
  void Open(char bracket);
  void Close(char bracket);

  std::string* out_;
  // Whether the innermost open container already holds a value (bit per
  // level; containers deeper than 64 levels are not written here).
  uint64_t has_value_ = 0;
  int depth_ = 0;
  bool after_key_ = false;
};

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_JSON_JSON_WRITER_H_
