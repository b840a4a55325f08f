#!/usr/bin/env python3
"""Validates api/openapi/openapi.json against the OpenAPI 3.0 schema.

The C++ integration test checks the document against the route table; this
checks its form with openapi-spec-validator when that module is installed
(exit 77, reported by ctest as skipped, when it is not).
"""
import json
import sys


def main(path):
    try:
        from openapi_spec_validator import validate
    except ImportError:
        print("openapi-spec-validator is not installed: skipped")
        return 77
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    validate(document)
    print(path, "is a valid OpenAPI", document["openapi"], "document")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
