#!/usr/bin/env bash
# Proves that `dotnet format analyzers --diagnostics PHI001` applies the PHI001 code fix the way a user would:
# copies tests/format-fixture (a project referencing the analyzers and code fixes as analyzers) to a temporary
# folder, checks that its build reports PHI001, runs dotnet format, and checks that the leak is now redacted
# and that a fresh build reports no PHI001. Exits non-zero on any failure.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/phiguard-format.XXXXXX")"
keep="${KEEP_WORK:-0}"
cleanup() { if [[ "$keep" != 1 ]]; then rm -rf "$work"; else echo "work folder kept: $work"; fi; }
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== copying fixture to $work"
tar -C "$repo/tests/format-fixture" --exclude=bin --exclude=obj -cf - . | tar -C "$work" -xf -
# Outside the repository the copy still needs the repository's properties and central package versions,
# and the path of the projects it references.
cat > "$work/Directory.Build.props" <<PROPS
<Project>
  <Import Project="$repo/Directory.Build.props" />
  <PropertyGroup>
    <PhiRepoRoot>$repo/</PhiRepoRoot>
  </PropertyGroup>
</Project>
PROPS
cat > "$work/Directory.Packages.props" <<PROPS
<Project>
  <Import Project="$repo/Directory.Packages.props" />
</Project>
PROPS
project="$work/FormatFixture.csproj"
source="$work/Admissions.cs"

build() {
  # A fresh compile each time (no incremental skip), so the analyzer warnings are always printed.
  dotnet build "$project" --no-incremental -nologo -clp:NoSummary -v:q 2>&1 | tee "$work/build-$1.log" >/dev/null || {
    cat "$work/build-$1.log"; fail "build $1 failed"; }
}

echo "== build before the fix (PHI001 expected)"
build before
grep -q "warning PHI001" "$work/build-before.log" || { cat "$work/build-before.log"; fail "the fixture reports no PHI001 before the fix"; }
grep "warning PHI001" "$work/build-before.log" | sed -e "s#$work/##" -e 's/ \[.*\]$//' | sort -u

echo "== dotnet format analyzers --diagnostics PHI001 --severity warn"
dotnet format analyzers "$project" --diagnostics PHI001 --severity warn --verbosity normal 2>&1 | tee "$work/format.log" \
  | grep -E "PHI001|Formatted|fix|Fix|warn|error" | sed -e "s#$work/##" || true

echo "== fixed source"
cat "$source"
grep -q "PhiRedaction.Redact(" "$source" || fail "Admissions.cs does not contain PhiRedaction.Redact( after dotnet format"
grep -q "PhiRedaction.Redact(patient.Name)" "$source" || fail "patient.Name was not the wrapped expression"
if grep -q "PhiRedaction.Redact(patient.Id" "$source"; then fail "the non-PHI argument was wrapped"; fi

echo "== build after the fix (no PHI001 expected)"
build after
if grep -q "warning PHI001" "$work/build-after.log"; then
  grep "warning PHI001" "$work/build-after.log"; fail "PHI001 is still reported after dotnet format"
fi
if grep -qE ": error " "$work/build-after.log"; then
  grep -E ": error " "$work/build-after.log"; fail "the fixed project does not compile"
fi

echo "PASS: dotnet format applied the PHI001 fix and the build is clean of PHI001"
