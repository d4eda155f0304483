#!/usr/bin/env bash
# Runs every test project and ends with one plain line: "N passed, N failed, N skipped".
# Exits non-zero when the build fails, a test fails, or no test ran at all.
set -uo pipefail
cd "$(dirname "$0")/.."

results=.test-results
rm -rf "$results"
mkdir -p "$results"

dotnet build ScimOperator.sln -c Release --nologo -v quiet -clp:ErrorsOnly
build=$?
if [ "$build" -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# The operator ships as a NativeAOT binary; Operator.IntegrationTests' NativeOperatorTests run that very binary.
if ! make --no-print-directory native; then
  echo "native operator build failed (make native)"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
export SCIMOP_NATIVE_OPERATOR="$PWD/artifacts/native/Operator"

# One project at a time, each with its own results file: the suites do not fight over the machine's two cores,
# and no two results files can share a name.
status=0
for project in $(find tests -name '*Tests.csproj' | sort); do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo \
    --results-directory "$results" --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    || status=$?
done

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done

if [ "$files" -eq 0 ] || [ $((passed + failed)) -eq 0 ]; then
  echo "no test results were written"
  failed=$((failed + 1))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A crashed test host leaves counters that look clean; the exit status still tells.
  echo "dotnet test exited with status $status"
  failed=1
fi

if [ "$skipped" -gt 0 ]; then
  # Say why each skipped group of tests did not run (the skip reason from the results), once per reason.
  echo "Skipped tests and why:"
  for trx in "$results"/*.trx; do
    tr -d '\n' < "$trx" | grep -o 'testName="[^"]*"[^>]*outcome="NotExecuted"[^>]*>[^<]*<Output>[^<]*<ErrorInfo>[^<]*<Message>[^<]*' \
      | sed -E 's/testName="([^"]*)".*<Message>(.*)/\2|\1/'
  done | sort | awk -F'|' '{ n[$1]++; if (!($1 in first)) first[$1] = $2 } END { for (r in n) printf "  %d skipped (e.g. %s): %s\n", n[r], first[r], r }'
fi

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
