#!/usr/bin/env bash
# Packs PhiGuard, builds samples/ClinicService against the packed packages (exactly as a user would consume them)
# and prints the PhiGuard findings and the analyzers' execution time.
#
#   scripts/run-sample.sh            # from any directory
#
# Environment:
#   PHI_INVENTORY_DATE   build date for BAA expiry checks (default 2026-11-23, so PHI008 is reproducible)
#   SKIP_PACK=1          reuse the packages already in artifacts/
#
# Exit status: 0 when the sample built (its PhiGuard findings are warnings), the build's status otherwise.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sample="$repo/samples/ClinicService"
artifacts="$repo/artifacts"
inventory_date="${PHI_INVENTORY_DATE:-2026-11-23}"
log_dir="$sample/obj/run-sample"
build_log="$log_dir/build.log"          # -v:n console output: the diagnostics
timing_log="$log_dir/build-detailed.log" # detailed file log: csc prints the ReportAnalyzer table only at this verbosity

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [[ "${SKIP_PACK:-0}" != "1" ]]; then
  echo "==> Packing PhiAnalyzers.sln into artifacts/"
  dotnet pack "$repo/PhiAnalyzers.sln" -c Release -o "$artifacts" -p:ContinuousIntegrationBuild=true -v:q -nologo
fi

for package in PhiAnalyzers PhiGuard.Runtime; do
  if ! compgen -G "$artifacts/$package.0.1.0.nupkg" > /dev/null; then
    echo "error: $artifacts/$package.0.1.0.nupkg not found (run without SKIP_PACK=1)" >&2
    exit 1
  fi
done

# The sample restores into its own folder (samples/ClinicService/Directory.Build.props). Drop the PhiGuard packages
# from it so the 0.1.0 just packed is used, not one restored earlier under the same version.
rm -rf "$sample/obj/packages/phianalyzers" "$sample/obj/packages/phiguard.runtime"
mkdir -p "$log_dir"

echo "==> Building samples/ClinicService (PhiInventoryDate=$inventory_date)"
set +e
dotnet build "$sample/ClinicService.csproj" \
  --no-incremental \
  -p:PhiInventoryDate="$inventory_date" \
  -p:ReportAnalyzer=true \
  -v:n -nologo -clp:NoSummary \
  "-flp:LogFile=$timing_log;Verbosity=detailed;Encoding=UTF-8" > "$build_log" 2>&1
status=$?
set -e

# Diagnostics as "path(line,col): warning PHI00N: message [project]": relative paths, without the project suffix.
# MSBuild prefixes lines with the node ("  1>"), which would defeat the de-duplication: strip it.
findings="$(grep -E ' (warning|error) PHI00[0-9]+:' "$build_log" \
  | sed -E -e 's#^[[:space:]]*([0-9]+(:[0-9]+)?>)?##' -e "s#$sample/##" -e 's# \[[^]]*\.csproj[^]]*\]$##' \
  | sort -u || true)"
count=0
[[ -n "$findings" ]] && count="$(printf '%s\n' "$findings" | wc -l | tr -d ' ')"

echo
echo "==> PhiGuard findings ($count)"
[[ -n "$findings" ]] && printf '%s\n' "$findings"
echo
echo "==> Findings per rule"
if [[ -n "$findings" ]]; then
  printf '%s\n' "$findings" | grep -oE ' PHI00[0-9]+:' | tr -d ' :' | sort | uniq -c | awk '{ printf "  %s  %s\n", $2, $1 }'
fi

crashes="$(grep -E ' (warning|error) AD0001:' "$build_log" | sed -E 's#^[[:space:]]*([0-9]+(:[0-9]+)?>)?##' | sort -u || true)"
if [[ -n "$crashes" ]]; then
  echo
  echo "==> Analyzer crashes (AD0001)"
  printf '%s\n' "$crashes"
fi

# ReportAnalyzer=true: csc prints "Total analyzer execution time: N seconds." and a table with one line per analyzer
# assembly followed by its analyzers. Print the total and the PhiAnalyzers block.
echo
echo "==> Analyzer execution time (ReportAnalyzer)"
if [[ -f "$timing_log" ]] && grep -q 'Total analyzer execution time' "$timing_log"; then
  sed -E 's#^[[:space:]]*([0-9]+(:[0-9]+)?>)?[[:space:]]*##' "$timing_log" | awk '
    /^Total analyzer execution time/ { print "  " $0; next }
    function row(indent,   rest) { rest = $0; sub(/^[^ ]+ +[^ ]+ +/, "", rest); printf "%s%8s s %4s %%   %s\n", indent, $1, $2, rest }
    /PhiAnalyzers(\.CodeFixes)?, Version=/ { inblock = 1; row("  "); next }
    inblock && /^$/ { inblock = 0; next }
    inblock && /, Version=/ { inblock = 0; next }
    inblock { row("    ") }'
else
  echo "  (no ReportAnalyzer output in $timing_log)"
fi

echo
if [[ $status -ne 0 ]]; then
  echo "Build FAILED (exit $status). Errors:" >&2
  grep -E ' error ' "$build_log" | sort -u >&2 || true
  echo "Full log: $build_log" >&2
  exit "$status"
fi
echo "Build succeeded. Full log: $build_log"
