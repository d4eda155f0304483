# ScimOperator. `make help` lists the targets.
SHELL := /usr/bin/env bash
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.DEFAULT_GOAL := help

##@ General
.PHONY: help
help: ## Show the targets
	@awk 'BEGIN {FS = ":.*##"} /^[a-zA-Z_-]+:.*?##/ { printf "  %-14s %s\n", $$1, $$2 } /^##@/ { printf "\n%s\n", substr($$0, 5) }' $(MAKEFILE_LIST)

##@ Build
# The platform the native operator is compiled for (NativeAOT does not cross-compile between OSes or CPUs here).
NATIVE_RID ?= linux-$(if $(filter aarch64 arm64,$(shell uname -m)),arm64,x64)
NATIVE_DIR ?= artifacts/native
.PHONY: build clean chart-sync native
build: ## Build the solution (Release)
	dotnet build ScimOperator.sln -c Release --nologo

native: ## Publish the operator as the NativeAOT binary it ships as: artifacts/native/Operator (needs clang or gcc)
	dotnet publish src/Operator/Operator.csproj -c Release -r $(NATIVE_RID) --nologo -v quiet -clp:ErrorsOnly -o $(NATIVE_DIR)

clean: ## Remove build output and test results
	dotnet clean ScimOperator.sln --nologo -v quiet
	rm -rf .test-results .sandbox artifacts

chart-sync: ## Copy the CRDs (config/crds) into the chart; a test checks the copies
	cp config/crds/*.yaml charts/scim-operator/crds/

##@ Images
VERSION ?= $(shell sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
COMMIT ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
IMAGE_REGISTRY ?= ghcr.io/scim-operator
.PHONY: images
images: ## Build ghcr.io/scim-operator/operator and /scim-endpoint images tagged with the product version (needs a Docker engine; says so and skips without one)
	@if ! command -v docker >/dev/null 2>&1; then \
	  echo "make images: skipped, the docker CLI is not installed here (the Dockerfiles are src/Operator/Dockerfile and src/ScimEndpoint/Dockerfile)"; exit 0; fi; \
	if ! docker info >/dev/null 2>&1; then \
	  echo "make images: skipped, no Docker engine answers here (docker info failed)"; exit 0; fi; \
	set -e; \
	docker build -f src/Operator/Dockerfile --build-arg VERSION=$(VERSION) --build-arg COMMIT=$(COMMIT) -t $(IMAGE_REGISTRY)/operator:$(VERSION) .; \
	docker build -f src/ScimEndpoint/Dockerfile --build-arg VERSION=$(VERSION) --build-arg COMMIT=$(COMMIT) -t $(IMAGE_REGISTRY)/scim-endpoint:$(VERSION) .; \
	echo "built $(IMAGE_REGISTRY)/operator:$(VERSION) and $(IMAGE_REGISTRY)/scim-endpoint:$(VERSION) at $(COMMIT)"

##@ Test
.PHONY: test
test: ## Build and run every test project; ends with "N passed, N failed, N skipped"
	@hack/test.sh

##@ Run
.PHONY: demo bench
demo: ## The whole system here: Kubernetes API + ZITADEL emulators, the operator, the endpoint it deploys (writes .sandbox/env)
	@hack/demo.sh

# --operator runs the native operator (make native) unless OPERATOR_BUILD=jit.
OPERATOR_BUILD ?= native
bench: ## Load-test the SCIM endpoint (in-memory store); BENCH_ARGS=--quick for a short run, --zitadel for the ZITADEL store on the emulator, --operator for 1,000 ScimKeys through the (native) operator on the Kubernetes emulator
	@if [[ " $(BENCH_ARGS) " == *" --operator "* && "$(OPERATOR_BUILD)" == native ]]; then \
	  $(MAKE) --no-print-directory native && \
	  dotnet run --project bench/ScimBench -c Release -- $(BENCH_ARGS) --operator-binary $(NATIVE_DIR)/Operator; \
	else \
	  dotnet run --project bench/ScimBench -c Release -- $(BENCH_ARGS); \
	fi
