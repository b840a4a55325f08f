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

# Executes every analysis notebook in place, so that they are committed with
# their outputs (inputs: benchmarks/results/, see notebooks/README.md). The
# kernel is Debian's python3 (python3-pandas, python3-matplotlib).
.PHONY: notebooks
notebooks: deps
	cd notebooks && PYDEVD_DISABLE_FILE_VALIDATION=1 \
	  MPLBACKEND=module://matplotlib_inline.backend_inline \
	  /usr/bin/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=120 --ExecutePreprocessor.record_timing=False *.ipynb

# Three replicas on one PostgreSQL store behind nginx, on loopback (see
# deploy/cluster/README.md); cluster-stop ends exactly what cluster started.
.PHONY: cluster cluster-stop
cluster: build
	@bash deploy/cluster/cluster.sh start $(BUILD)/api/qiancheng

cluster-stop:
	@bash deploy/cluster/cluster.sh stop

# ASan + UBSan build of everything, then the whole test suite under it.
asan: deps
	cmake --preset asan
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS) --timeout 1800

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-asan
