# SynCloud. `make run` starts the platform on the embedded default (SQLite
# under ./data); `make test` runs the test suite.
GO        ?= go
FUZZTIME  ?= 15s
EVALSET   ?= ../shared/eval/lml-dev.jsonl

.PHONY: run test test-db build agents generate fuzz eval bench bench-api screenshots

run:
	$(GO) run ./cmd/syncloud serve

test:
	$(GO) test -count=1 -timeout 30m ./...

# Packages whose code or tests reach the database or Redis: CI runs them a
# second time on PostgreSQL + Redis (SYNCLOUD_TEST_DATABASE_URL,
# SYNCLOUD_TEST_REDIS_URL); the others do the same work on either.
DB_PKGS = $(shell $(GO) list -f '{{.ImportPath}} {{join .Deps " "}} {{join .TestImports " "}} {{join .XTestImports " "}}' ./... | awk '/internal\/store|go-redis/ {print $$1}')

test-db:
	$(GO) test -count=1 -timeout 30m $(DB_PKGS)

build:
	$(GO) build -o bin/syncloud ./cmd/syncloud

# Regenerate the embedded AWS provider schema (needs terraform and the provider).
generate:
	$(GO) generate ./internal/providerschema/...

# Short coverage-guided fuzzing of the engine and the renderers.
fuzz:
	@for target in $$($(GO) test -list 'Fuzz.*' ./... 2>/dev/null | awk '/^Fuzz/ {print $$1}' | sort -u); do \
	  pkg=$$(grep -rl "func $$target(" --include=*_test.go internal | head -n1 | xargs dirname); \
	  echo "fuzz $$target in ./$$pkg for $(FUZZTIME)"; \
	  $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) ./$$pkg || exit 1; \
	done

# The LML development set and our own paraphrases (different wording and
# values, a stand-in for the held-out set), judged with real `terraform validate`.
eval:
	python3 ../shared/eval/lmljudge.py $(EVALSET) --verbose
	python3 ../shared/eval/lmljudge.py internal/lml/testdata/paraphrase.jsonl --verbose
	python3 ../shared/eval/lmljudge.py internal/lml/testdata/paraphrase-compute.jsonl --verbose

bench:
	$(GO) test -run '^$$' -bench Generate -benchmem ./internal/lml/...

# The API load benchmark: 64 clients posting /api/v1/generate for 30 s against
# `syncloud serve` on SQLite, then the kill -9 durability check; with
# SYNCLOUD_TEST_DATABASE_URL and SYNCLOUD_TEST_REDIS_URL set, both again on
# PostgreSQL + Redis. Exit 3 means a speed target was missed.
bench-api: build
	bin/syncloud bench --duration 30s --concurrency 64
	bin/syncloud bench --duration 20s --kill-after 8s
	@if [ -n "$$SYNCLOUD_TEST_DATABASE_URL" ]; then \
	  bin/syncloud bench --duration 30s --concurrency 64 --database-url "$$SYNCLOUD_TEST_DATABASE_URL" --redis-url "$$SYNCLOUD_TEST_REDIS_URL" && \
	  bin/syncloud bench --duration 20s --kill-after 8s --database-url "$$SYNCLOUD_TEST_DATABASE_URL" --redis-url "$$SYNCLOUD_TEST_REDIS_URL"; \
	fi

AGENT_VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
AGENT_TARGETS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64

# Cross-compile the Local Agent for every supported system into dist/.
agents:
	@mkdir -p dist
	@for t in $(AGENT_TARGETS); do os=$${t%/*}; arch=$${t#*/}; ext=; if [ $$os = windows ]; then ext=.exe; fi; \
	  echo "build dist/syncloud-agent-$$os-$$arch$$ext"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags "-s -w -X main.version=$(AGENT_VERSION)" \
	    -o dist/syncloud-agent-$$os-$$arch$$ext ./cmd/syncloud-agent || exit 1; done

# Refresh the screenshots in docs/portal/ from the page audit (headless Chromium).
screenshots:
	SYNCLOUD_DOCS_SCREENSHOTS=1 $(GO) test -count=1 -run TestBrowserEveryPage ./internal/portal/
