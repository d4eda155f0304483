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
.PHONY: build clean chart-sync
build: ## Build the solution (Release)
	dotnet build ScimOperator.sln -c Release --nologo

clean: ## Remove build output and test results
	dotnet clean ScimOperator.sln --nologo -v quiet
	rm -rf .test-results .sandbox

chart-sync: ## Copy the CRDs (config/crds) into the chart; a test checks the copies
	cp config/crds/*.yaml charts/scim-operator/crds/

##@ Test
.PHONY: test
test: ## Build and run every test project; ends with "N passed, N failed, N skipped"
	@hack/test.sh

##@ Run
.PHONY: demo bench
demo: ## The whole system here: Kubernetes API + ZITADEL emulators, the operator, the endpoint it deploys (writes .sandbox/env)
	@hack/demo.sh

bench: ## Load-test the SCIM endpoint (in-memory store); BENCH_ARGS=--quick for a short run, --zitadel for the ZITADEL store on the emulator, --operator for 1,000 ScimKeys through the operator on the Kubernetes emulator
	dotnet run --project bench/ScimBench -c Release -- $(BENCH_ARGS)
