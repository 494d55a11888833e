# gopatched: the two commands a new user needs are `make demo` and
# `make test`. Everything else is a step of those.

GO ?= go
OUT ?= out

.PHONY: demo test toolchain toolchain-check toolchain-test bench clean

# toolchain builds ./bin/go from the pinned release and patches/ (a no-op
# when nothing changed).
toolchain:
	@bash toolchain/build.sh

# toolchain-check only checks that every patch still applies (seconds).
toolchain-check:
	@bash toolchain/build.sh --check

# toolchain-test runs the Go tree's own tests of what the patches touch
# (runtime -short, runtime/trace, internal/trace/..., cmd/trace) with ./bin/go
# and with stock go1.27.3, side by side; it fails on a failure stock lacks.
toolchain-test: toolchain
	@bash toolchain/treetest.sh

# bench measures what a steal record costs (about 10 minutes); for people
# and docs/benchmarks.md, not part of test or CI.
bench: toolchain
	@COUNT=20 BENCHTIME=500ms bash bench/run.sh

demo: toolchain
	@mkdir -p $(OUT)/demo
	@echo "running exercise 8's steal-heavy program under ./bin/go with the trace on"
	@cd exercises/08-work-stealing && GOTOOLCHAIN=local GOMAXPROCS=4 ../../bin/go run . -bursts 20 -work 5ms -trace ../../$(OUT)/demo/trace.out
	@$(GO) run ./cmd/stealview -o $(OUT)/demo $(OUT)/demo/trace.out
	@echo "pictures: $(OUT)/demo/*.png"

# test runs every test against the real patched toolchain. Tests that need
# ./bin/go fail rather than skip here (GOPATCHED_REQUIRE_TOOLCHAIN=1). The
# timing exercises run last, one package at a time, beside nothing else.
test: toolchain
	$(GO) vet ./...
	GOPATCHED_REQUIRE_TOOLCHAIN=1 $(GO) test $$($(GO) list ./... | grep -v /exercises)
	$(GO) run ./cmd/gopatched toolchain sentinel
	bash toolchain/treetest.sh
	GOPATCHED_REQUIRE_TOOLCHAIN=1 $(GO) test -p 1 -timeout 20m ./exercises/...

# clean removes the built toolchain (its folder outside the repository
# too), the links and the outputs.
clean:
	@bash toolchain/build.sh --clean
	rm -rf $(OUT)
