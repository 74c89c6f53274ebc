#!/usr/bin/env python3
"""Build-time benchmark of the PhiGuard analyzers (and Security Code Scan) on generated projects.

For each size: generate a project (generate.py), then build the same sources as three projects that differ only in
their analyzer package:
  off  PhiGuard.Runtime only (the SDK's own analyzers at their defaults, as in the other two)
  on   PhiGuard.Runtime + PhiAnalyzers
  scs  PhiGuard.Runtime + SecurityCodeScan.VS2019 5.6.7 with an equivalent SecurityCodeScan.config.yml
Builds alternate (off, on, scs, then rotated) for --reps repetitions; the table shows medians. Every build is
`dotnet build --no-restore --no-incremental -p:UseSharedCompilation=false -p:ReportAnalyzer=true -m:1`, so csc runs
as its own child process: its peak working set (VmHWM) and lifetime are sampled from /proc, and the per-assembly
analyzer times are read from csc's ReportAnalyzer table in the detailed build log.

Usage: runner.py [--sizes 1000,5000,20000,50000] [--reps 3] [--seed 1] [--skip-pack] [--no-scs]
                 [--scs-timeout SECONDS] [--results FILE]
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "bench", "out")
ARTIFACTS = os.path.join(REPO, "artifacts")
sys.path.insert(0, HERE)
import generate  # noqa: E402

PACKAGES = {
    "Microsoft.Extensions.Logging.Abstractions": "11.0.0",
    "Microsoft.Extensions.Caching.Abstractions": "11.0.0",
    "Microsoft.Extensions.AI.Abstractions": "10.11.0",
    "OpenAI": "2.15.0",
}
VARIANTS = ["off", "on", "scs"]
ENV = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1", DOTNET_SKIP_FIRST_TIME_EXPERIENCE="1",
           MSBUILDDISABLENODEREUSE="1")

ROOT_PROPS = """<Project>
  <!-- Generated benchmark projects stand alone, like a user's project: no repository props, own package folder. -->
  <PropertyGroup>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <RestorePackagesPath>$(MSBuildThisFileDirectory)packages/</RestorePackagesPath>
  </PropertyGroup>
</Project>
"""
ROOT_PACKAGES_PROPS = """<Project>
  <PropertyGroup>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
</Project>
"""
NUGET_CONFIG = """<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="phiguard-local" value="{artifacts}" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
"""


def project_xml(variant):
    refs = [f'    <PackageReference Include="{k}" Version="{v}" />' for k, v in PACKAGES.items()]
    refs.append('    <PackageReference Include="PhiGuard.Runtime" Version="0.1.0" />')
    extra = ""
    if variant == "on":
        refs.append('    <PackageReference Include="PhiAnalyzers" Version="0.1.0" PrivateAssets="all" />')
    elif variant == "scs":
        refs.append('    <PackageReference Include="SecurityCodeScan.VS2019" Version="5.6.7" PrivateAssets="all" />')
        extra = '  <ItemGroup>\n    <AdditionalFiles Include="../SecurityCodeScan.config.yml" />\n  </ItemGroup>\n'
    return f"""<Project Sdk="Microsoft.NET.Sdk">
  <!-- Benchmark variant '{variant}': the same sources (../src) as the other variants; only the analyzer package differs. -->
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <AssemblyName>Bench</AssemblyName>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <PhiInventoryDate>2026-11-23</PhiInventoryDate>
    <IsPackable>false</IsPackable>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="../src/**/*.cs" />
  </ItemGroup>
  <ItemGroup>
{chr(10).join(refs)}
  </ItemGroup>
{extra}</Project>
"""


def run(cmd, cwd, timeout=3600):
    p = subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout)
    return p.returncode, p.stdout


def log(msg):
    print(msg, flush=True)


# ---------------------------------------------------------------- csc process sampling

def _children(pid):
    out = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(x) for x in f.read().split())
        except OSError:
            pass
    return out


def _descendants(pid):
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        for c in _children(p):
            out.append(c)
            stack.append(c)
    return out


def _status_kb(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


CLK_TCK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid):
    """utime + stime of a process (the last sample before it exits is within one poll of the total)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except (OSError, IndexError, ValueError):
        return None


def _is_csc(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read().split(b"\0")
        # The SDK runs the apphost (Roslyn/bincore/csc) or `dotnet exec .../csc.dll`.
        return any(os.path.basename(a) in (b"csc", b"csc.dll", b"csc.exe") for a in argv[:3])
    except OSError:
        return False


class CscSampler(threading.Thread):
    """Polls the build's process tree for the csc child: peak working set (VmHWM) and lifetime."""

    def __init__(self, root_pid):
        super().__init__(daemon=True)
        self.root_pid = root_pid
        self.stop = threading.Event()
        self.peak_kb = {}
        self.first = {}
        self.last = {}
        self.cpu = {}
        self.gone = set()

    def run(self):
        # The machine has few cores, and the sampler shares them with csc: walking the build's process tree reads a
        # file per thread of MSBuild and csc (about 1 ms a poll, 5% of a core at 50 polls a second). So the tree is
        # walked every poll only until csc shows up; after that the poll reads csc's two files, and the tree is walked
        # again once a second (a project builds with one csc; this keeps finding a second one if there were more).
        last_walk = 0.0
        while not self.stop.is_set():
            now = time.monotonic()
            if not self.first or now - last_walk >= 1.0:
                last_walk = now
                pids = _descendants(self.root_pid)
            else:
                pids = list(self.first)
            for pid in pids:
                if pid in self.gone:
                    continue
                if pid in self.first or _is_csc(pid):
                    hwm = _status_kb(pid, "VmHWM")
                    if hwm is None:
                        # Exited: never read that pid again (the system may give it to another process).
                        if pid in self.first:
                            self.gone.add(pid)
                        continue
                    self.first.setdefault(pid, now)
                    self.last[pid] = now
                    self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), hwm)
                    cpu = _cpu_seconds(pid)
                    if cpu is not None:
                        self.cpu[pid] = cpu
            time.sleep(0.02)

    def result(self):
        if not self.peak_kb:
            return None, None, None
        pid = max(self.peak_kb, key=lambda p: self.last[p] - self.first[p])
        return self.peak_kb[pid] / 1024.0, self.last[pid] - self.first[pid], self.cpu.get(pid)


# ---------------------------------------------------------------- ReportAnalyzer parsing

ROW = re.compile(r"^\s*(?:\d+(?::\d+)?>)?\s*(<?\d+(?:\.\d+)?)\s+(<?\d+)\s+(\S.*?)\s*$")


def analyzer_times(log_path):
    """Per analyzer assembly seconds from csc's ReportAnalyzer table (the assembly rows carry ', Version=')."""
    total, per_assembly = None, {}
    with open(log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if "Total analyzer execution time:" in line:
                m = re.search(r"Total analyzer execution time:\s*([\d.]+)", line)
                if m:
                    total = float(m.group(1))
                continue
            if ", Version=" not in line:
                continue
            m = ROW.match(line)
            if not m:
                continue
            seconds = float(m.group(1).lstrip("<"))
            name = m.group(3).split(",")[0].strip()
            per_assembly[name] = per_assembly.get(name, 0.0) + seconds
    return total, per_assembly


DIAG = re.compile(r": (warning|error) ([A-Z]+\d+): ")


def diagnostics(log_path):
    ids = {}
    seen = set()
    with open(log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = DIAG.search(line)
            if not m:
                continue
            key = re.sub(r"^\s*(\d+(:\d+)?>)?\s*", "", line.strip())
            key = re.sub(r" \[[^\]]*\.csproj[^\]]*\]$", "", key)
            if key in seen:
                continue
            seen.add(key)
            ids[m.group(2)] = ids.get(m.group(2), 0) + 1
    return ids


# ---------------------------------------------------------------- builds

def build(project_dir, log_path, timeout):
    cmd = ["dotnet", "build", os.path.join(project_dir, "Bench.csproj"), "--no-restore", "--no-incremental", "-c", "Release",
           "-m:1", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:ReportAnalyzer=true", "-v:q", "-nologo",
           "-clp:NoSummary", f"-flp:LogFile={log_path};Verbosity=detailed;Encoding=UTF-8"]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=project_dir, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = CscSampler(proc.pid)
    sampler.start()
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        for pid in reversed(_descendants(proc.pid)):
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        proc.kill()
        proc.communicate()
        sampler.stop.set()
        return {"timeout": True, "wall": time.monotonic() - start}
    wall = time.monotonic() - start
    sampler.stop.set()
    sampler.join()
    peak_mb, csc_seconds, csc_cpu = sampler.result()
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({project_dir}):\n{output[-4000:]}\nlog: {log_path}")
    total, per_assembly = analyzer_times(log_path)
    return {"timeout": False, "wall": wall, "csc": csc_seconds, "cpu": csc_cpu, "peak_mb": peak_mb, "analyzers_total": total,
            "analyzers": per_assembly, "diagnostics": diagnostics(log_path)}


def prepare_root(skip_pack):
    if not skip_pack:
        log("==> Packing PhiAnalyzers.sln into artifacts/")
        rc, out = run(["dotnet", "pack", os.path.join(REPO, "PhiAnalyzers.sln"), "-c", "Release", "-o", ARTIFACTS,
                       "-p:ContinuousIntegrationBuild=true", "-v:q", "-nologo"], REPO)
        if rc != 0:
            raise SystemExit("dotnet pack failed:\n" + out[-4000:])
    for package in ("PhiAnalyzers", "PhiGuard.Runtime"):
        if not os.path.exists(os.path.join(ARTIFACTS, f"{package}.0.1.0.nupkg")):
            raise SystemExit(f"{ARTIFACTS}/{package}.0.1.0.nupkg not found (run without --skip-pack)")
    os.makedirs(OUT, exist_ok=True)
    for name, text in (("Directory.Build.props", ROOT_PROPS), ("Directory.Packages.props", ROOT_PACKAGES_PROPS),
                       ("nuget.config", NUGET_CONFIG.format(artifacts=ARTIFACTS))):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            f.write(text)
    # The 0.1.0 just packed must be used, not one restored earlier under the same version.
    for package in ("phianalyzers", "phiguard.runtime"):
        shutil.rmtree(os.path.join(OUT, "packages", package), ignore_errors=True)


def prepare_size(methods, seed, variants):
    size_dir = os.path.join(OUT, f"m{methods}")
    manifest = generate.generate(methods, seed, size_dir)
    for variant in variants:
        vdir = os.path.join(size_dir, variant)
        os.makedirs(vdir, exist_ok=True)
        with open(os.path.join(vdir, "Bench.csproj"), "w", encoding="utf-8") as f:
            f.write(project_xml(variant))
        rc, out = run(["dotnet", "restore", os.path.join(vdir, "Bench.csproj"), "-v:q", "-nologo"], vdir)
        if rc != 0:
            raise SystemExit(f"restore failed for {vdir}:\n{out[-4000:]}")
    return size_dir, manifest


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def slope(xs, ys):
    """Least-squares slope of log(y) against log(x)."""
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x and y and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    den = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / den if den else None


def fmt(v, digits=2, suffix=""):
    if v is None:
        return "n/a"
    return f"{v:.{digits}f}{suffix}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,20000,50000")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-pack", action="store_true")
    parser.add_argument("--no-scs", action="store_true", help="skip the Security Code Scan variant")
    parser.add_argument("--scs-timeout", type=float, default=1800, help="seconds before an SCS build is abandoned")
    parser.add_argument("--ide-size", type=int, default=20000, help="size whose project the IDE scenario edits (0: skip)")
    parser.add_argument("--ide-edits", type=int, default=30)
    parser.add_argument("--results", default=os.path.join(REPO, "bench", "results", "analyzer-bench.md"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    variants = [v for v in VARIANTS if not (args.no_scs and v == "scs")]

    prepare_root(args.skip_pack)
    rows = []
    for methods in sizes:
        log(f"==> {methods} methods: generating and restoring")
        size_dir, manifest = prepare_size(methods, args.seed, variants)
        runs = {v: [] for v in variants}
        scs_timed_out = False
        for rep in range(args.reps):
            order = variants[rep % len(variants):] + variants[:rep % len(variants)]
            for variant in order:
                if variant == "scs" and scs_timed_out:
                    continue
                log_path = os.path.join(size_dir, variant, f"build-{rep}.log")
                timeout = args.scs_timeout if variant == "scs" else 3600
                r = build(os.path.join(size_dir, variant), log_path, timeout)
                if r["timeout"]:
                    scs_timed_out = True
                    log(f"    rep {rep + 1} {variant:>3}: TIMEOUT after {r['wall']:.0f} s")
                    continue
                runs[variant].append(r)
                mine = r["analyzers"].get("PhiAnalyzers", 0.0) + r["analyzers"].get("PhiAnalyzers.CodeFixes", 0.0)
                scs = r["analyzers"].get("SecurityCodeScan.VS2019", 0.0)
                log(f"    rep {rep + 1} {variant:>3}: wall {r['wall']:6.1f} s  csc {fmt(r['csc'], 1)} s (cpu {fmt(r['cpu'], 1)} s)  peak {fmt(r['peak_mb'], 0)} MB"
                    f"  analyzers {fmt(r['analyzers_total'], 2)} s (PhiGuard {mine:.2f} s, SCS {scs:.2f} s)")
        on, off, scs = runs["on"], runs["off"], runs.get("scs", [])
        phi_times = [r["analyzers"].get("PhiAnalyzers", 0.0) + r["analyzers"].get("PhiAnalyzers.CodeFixes", 0.0) for r in on]
        scs_times = [r["analyzers"].get("SecurityCodeScan.VS2019", 0.0) for r in scs]
        findings = on[0]["diagnostics"] if on else {}
        other_warnings = {k: v for k, v in (off[0]["diagnostics"] if off else {}).items()}
        row = {
            "methods": manifest["methods"],
            "target": methods,
            "phi_free_share": manifest["phi_free_share"],
            "wall_off": median([r["wall"] for r in off]),
            "wall_on": median([r["wall"] for r in on]),
            "wall_scs": median([r["wall"] for r in scs]),
            "csc_off": median([r["csc"] for r in off]),
            "csc_on": median([r["csc"] for r in on]),
            "cpu_off": median([r["cpu"] for r in off]),
            "cpu_on": median([r["cpu"] for r in on]),
            "phi_seconds": median(phi_times),
            "scs_seconds": median(scs_times) if scs_times else None,
            "scs_timeout": scs_timed_out,
            "rss_off": median([r["peak_mb"] for r in off]),
            "rss_on": median([r["peak_mb"] for r in on]),
            "rss_scs": median([r["peak_mb"] for r in scs]),
            "findings": {k: v for k, v in findings.items() if k.startswith("PHI")},
            "expected": manifest["expected_findings"],
            "other_warnings_off": other_warnings,
            "scs_findings": {k: v for k, v in (scs[0]["diagnostics"] if scs else {}).items() if k.startswith("SCS")},
            "reps": len(on),
        }
        rows.append(row)
        with open(os.path.join(size_dir, "runs.json"), "w", encoding="utf-8") as f:
            json.dump({"row": row, "runs": runs}, f, indent=1, default=str)
        # The table so far, so that an interrupted run still leaves its completed sizes.
        os.makedirs(os.path.dirname(args.results), exist_ok=True)
        with open(args.results, "w", encoding="utf-8") as f:
            f.write(render(rows, args) + "\n(partial: sizes still running)\n")

    ide = declaration = None
    if args.ide_size and args.ide_size in sizes:
        ide = ide_scenario(os.path.join(OUT, f"m{args.ide_size}"), args.ide_edits)
        # A change to a declaration (a new method) instead of a body: what an IDE pays when the engine's
        # declaration-keyed caches start over. Fewer edits: each costs about a whole hot set.
        declaration = ide_scenario(os.path.join(OUT, f"m{args.ide_size}"), max(1, args.ide_edits // 3), "declaration")

    table = render(rows, args, ide, declaration)
    print()
    print(table)
    os.makedirs(os.path.dirname(args.results), exist_ok=True)
    with open(args.results, "w", encoding="utf-8") as f:
        f.write(table)
    log(f"Results written to {os.path.relpath(args.results, REPO)}")


def ide_scenario(size_dir, edits, kind="body"):
    """Runs bench/PhiGuard.Analyzers.Benchmarks in its 'ide' mode on a generated project; returns its RESULT fields."""
    log(f"==> IDE scenario on {os.path.relpath(size_dir, REPO)} ({edits} {kind} edits)")
    project = os.path.join(REPO, "bench", "PhiGuard.Analyzers.Benchmarks")
    rc, out = run(["dotnet", "build", project, "-c", "Release", "-v:q", "-nologo"], REPO)
    if rc != 0:
        log("    IDE harness did not build:\n" + out[-2000:])
        return None
    dll = os.path.join(project, "bin", "Release", "net10.0", "PhiGuard.Analyzers.Benchmarks.dll")
    rc, out = run(["dotnet", dll, "ide", size_dir, "--edits", str(edits), "--edit", kind], REPO, timeout=3600)
    for line in out.splitlines():
        log("    " + line)
    result = next((l for l in out.splitlines() if l.startswith("RESULT ide ")), None)
    if rc != 0 or result is None:
        return None
    return dict(kv.split("=", 1) for kv in result[len("RESULT ide "):].split())


def render(rows, args, ide=None, declaration=None):
    exponent = slope([r["methods"] for r in rows], [r["phi_seconds"] for r in rows])
    scs_exponent = slope([r["methods"] for r in rows if r["scs_seconds"]], [r["scs_seconds"] for r in rows if r["scs_seconds"]])
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), cpu)
    except OSError:
        pass
    load = os.getloadavg()
    lines = [
        "# PhiGuard analyzer benchmark",
        "",
        f"Run {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores ({cpu}), "
        f"`dotnet {subprocess.run(['dotnet', '--version'], capture_output=True, text=True).stdout.strip()}`, "
        f"reps {args.reps}, seed {args.seed}, load average at the end {load[0]:.2f}.",
        f"Command: `bash bench/run-analyzer-bench.sh --sizes {args.sizes} --reps {args.reps}`",
        "",
        "Medians over the repetitions. *off*: the project with PhiGuard.Runtime only (SDK analyzers at their defaults); "
        "*on*: plus the PhiAnalyzers package; *SCS*: plus SecurityCodeScan.VS2019 5.6.7 instead. Wall = `dotnet build "
        "--no-restore --no-incremental` (csc out of process, `-m:1`). Analyzer seconds are csc's `ReportAnalyzer` times for "
        "the analyzer assembly; share = PhiGuard analyzer seconds / csc process lifetime of the *on* build. Peak RSS = "
        "VmHWM of the csc process.",
        "",
        "| methods | wall off (s) | wall on (s) | on/off | PhiGuard analyzers (s) | share of compile | csc CPU off (s) | csc CPU on (s) | CPU on/off | SCS analyzers (s) | SCS / PhiGuard | wall SCS (s) | peak RSS off (MB) | peak RSS on (MB) | RSS on/off |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio = r["wall_on"] / r["wall_off"] if r["wall_on"] and r["wall_off"] else None
        share = r["phi_seconds"] / r["csc_on"] if r["phi_seconds"] is not None and r["csc_on"] else None
        if r["scs_timeout"] and r["scs_seconds"] is None:
            scs, vs = f"> {args.scs_timeout:.0f} (timeout)", "n/a"
        else:
            scs = fmt(r["scs_seconds"], 2)
            vs = fmt(r["scs_seconds"] / r["phi_seconds"], 1, "x") if r["scs_seconds"] and r["phi_seconds"] else "n/a"
        rss = r["rss_on"] / r["rss_off"] if r["rss_on"] and r["rss_off"] else None
        cpu = r["cpu_on"] / r["cpu_off"] if r["cpu_on"] and r["cpu_off"] else None
        lines.append(f"| {r['methods']:,} | {fmt(r['wall_off'], 1)} | {fmt(r['wall_on'], 1)} | {fmt(ratio, 3, 'x')} | "
                     f"{fmt(r['phi_seconds'], 2)} | {fmt(share * 100 if share is not None else None, 1, '%')} | "
                     f"{fmt(r['cpu_off'], 1)} | {fmt(r['cpu_on'], 1)} | {fmt(cpu, 3, 'x')} | {scs} | {vs} | "
                     f"{fmt(r['wall_scs'], 1)} | {fmt(r['rss_off'], 0)} | {fmt(r['rss_on'], 0)} | {fmt(rss, 3, 'x')} |")
    lines += [
        "",
        f"Growth exponent of PhiGuard analyzer time against method count (log-log least squares): **{fmt(exponent, 2)}**"
        + (f"; Security Code Scan: {fmt(scs_exponent, 2)}" if scs_exponent is not None else "") + ".",
        "",
    ]
    if ide:
        lines += [
            f"IDE scenario ({ide.get('methods')} methods, one literal in one method body of one document edited "
            f"{args.ide_edits} times, new Compilation each time, `GetAnalyzerSemanticDiagnosticsAsync` on the edited document "
            f"with every PhiGuard analyzer): **median {ide.get('median_ms')} ms, p95 {ide.get('p95_ms')} ms** "
            f"(the compiler's own semantic diagnostics of that document: median {ide.get('compiler_median_ms')} ms; "
            f"first whole-project analysis {ide.get('warm_s')} s).",
            "",
        ]
    if declaration:
        lines += [
            f"The same with a declaration edited instead ({max(1, args.ide_edits // 3)} times, a new method added to the "
            f"document's last type each time): **median {declaration.get('median_ms')} ms, p95 {declaration.get('p95_ms')} ms**. "
            "A changed declaration starts the engine's hot set over for the whole compilation; a body edit reuses it.",
            "",
        ]
    lines += [
        "| methods | PHI-free share | PhiGuard findings (expected) | SCS findings | other warnings (off build) |",
        "|---:|---:|---|---|---|",
    ]
    for r in rows:
        found = ", ".join(f"{k} {r['findings'].get(k, 0)} ({v})" for k, v in sorted(r["expected"].items()))
        extra = {k: v for k, v in r["findings"].items() if k not in r["expected"]}
        if extra:
            found += "; unexpected " + ", ".join(f"{k} {v}" for k, v in sorted(extra.items()))
        scs_found = ", ".join(f"{k} {v}" for k, v in sorted(r["scs_findings"].items())) or "none"
        other = ", ".join(f"{k} {v}" for k, v in sorted(r["other_warnings_off"].items())) or "none"
        lines.append(f"| {r['methods']:,} | {r['phi_free_share'] * 100:.1f}% | {found} | {scs_found} | {other} |")
    lines += [
        "",
        "Caveats: the machine is shared (other builds may run at the same time), so single timings are noisy; the "
        "medians and the alternating order of the variants damp that, not remove it. ReportAnalyzer times are summed over "
        "the compiler's concurrent analyzer threads. Security Code Scan's configuration cannot express the BAA inventory, "
        "[BaaCovered] destinations, audit-before-model-call, [Phi] on whole types or PHI kinds; its taint types are a fixed "
        "enum, so PHI flows are reported under SCS0002, and its default interprocedural depth (3) is kept. "
        "ReportAnalyzer charges an analyzer for whatever its callbacks trigger (binding bodies it follows calls into, "
        "waiting on a shared result another thread computes), so the share column overstates; the csc CPU columns "
        "(user+system time of the csc process, on vs off) measure what PhiGuard really adds.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
