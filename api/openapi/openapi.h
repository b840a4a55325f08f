// api/openapi/openapi.h -- the OpenAPI 3.0 document of API contract v1,
// served at GET /v1/openapi.json. The document is the hand-kept file
// api/openapi/openapi.json, embedded into the binary at configure time (see
// api/CMakeLists.txt), so the binary needs no file next to it and the served
// text is exactly the reviewed one. tests/api checks that it lists every
// route of server.cc's table and nothing else.
#ifndef QIANCHENG_API_OPENAPI_OPENAPI_H_
#define QIANCHENG_API_OPENAPI_OPENAPI_H_

#include <string_view>

namespace qiancheng::api {

// The document text (UTF-8 JSON).
std::string_view OpenApiJson();

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_OPENAPI_OPENAPI_H_
