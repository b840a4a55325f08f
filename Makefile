# The two set-up commands of README.md, and the developer's shortcuts.
#   make run    install what is missing, build, load the demo world, serve on :8080
#   make test   install what is missing, build, run every test with ctest
SHELL := /bin/bash
BUILD ?= build
JOBS ?= $(shell nproc)
PORT ?= 8080
DATA_DIR ?= qiancheng-data
CMAKE_FLAGS ?=

.PHONY: deps build test run bench asan format clean

deps:
	@bash deploy/install-deps.sh

$(BUILD)/Makefile: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

run: build
	@bash deploy/run-demo.sh $(BUILD)/api/qiancheng $(DATA_DIR) $(PORT)

bench: build
	@bash benchmarks/run_micro.sh $(BUILD)

# ASan + UBSan build of everything, then the whole test suite under it.
asan: deps
	cmake --preset asan
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS) --timeout 1800

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-asan
