#!/usr/bin/env bash
# README's test command: build the solution in Release and run every test project.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build WwanDaemon.sln -c Release --nologo -v quiet
passed=0; failed=0; skipped=0
for project in tests/*/*.csproj; do
  log=$(mktemp)
  if dotnet test "$project" -c Release --no-build --nologo 2>&1 | tee "$log"; then :; else status=1; fi
  line=$(grep -E '(Passed|Failed)!' "$log" | tail -n 1 || true)
  p=$(sed -nE 's/.*Passed: +([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed: +([0-9]+).*/\1/p' <<<"$line"); s=$(sed -nE 's/.*Skipped: +([0-9]+).*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  rm -f "$log"
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "${status:-0}" = 0 ] && [ "$failed" = 0 ] && [ "$passed" -gt 0 ]
