#!/bin/sh
# The cost of exec promises (-e) for the program itself, as ratios to the same run without
# -e, measured side by side in the same rounds (alternating, median of per-round ratios):
#   - a call only the program's own promises allow (getcwd under `stdio rpath`, exec
#     promises `stdio`): with -e it is a round trip through the supervisor;
#   - a call the exec promises allow too (getppid): the filter decides, as without -e.
# And what narrowing executed dynamic programs after their loader costs: `sh` running
# /bin/true 20 times under `stdio rpath proc exec` (each loader narrowed: every execve held
# at its exec stop, the loader's calls through the supervisor), as a ratio to the same with
# `prot_exec` held for the whole run (nothing narrowed).
# Each run is the static test probe making N calls (flood), built here with gcc.
# Needs hyperfine, python3 and gcc.
#
# Usage: sh benches/exec-promises.sh     (ROUNDS=… RUNS=… N=… to change the effort)
set -eu
cd "$(dirname "$0")/.."
OUT=${OUT:-target/bench}
ROUNDS=${ROUNDS:-5}
RUNS=${RUNS:-10}
N=${N:-20000}
mkdir -p "$OUT"
command -v hyperfine >/dev/null || { echo "benches: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
if [ -z "${SP:-}" ]; then
    cargo build --release --quiet
    SP=$PWD/target/x86_64-unknown-linux-gnu/release/seccomp-pledge
fi
PROBE=$OUT/probe-static
gcc -O2 -static -o "$PROBE" tests/probe/probe.c
python3 - "$OUT" "$ROUNDS" "$RUNS" "$N" "$SP" "$PROBE" <<'PY'
import json, shlex, statistics, subprocess, sys
out, rounds, runs, n, sp, probe = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
base = [sp, "-q", "-P", "unlimited", "-p", "stdio rpath exec"]
cases = {
    "own promise (getcwd)": "getcwd",
    "exec promise too (getppid)": "getppid",
}
def cmd(extra, op):
    return shlex.join(base + extra + ["--", probe, "flood", n, op])
ratios = {k: [] for k in cases}
means = {}
for r in range(rounds):
    for name, op in cases.items():
        f = f"{out}/exec-promises-{r}.json"
        subprocess.run(["hyperfine", "-N", "--warmup", "2", "--runs", str(runs), "--export-json", f,
                        cmd([], op), cmd(["-e", "stdio"], op)], check=True, stdout=subprocess.DEVNULL)
        res = json.load(open(f))["results"]
        without, with_e = res[0]["median"], res[1]["median"]
        ratios[name].append(with_e / without)
        means.setdefault(name, []).append((without, with_e))
print(f"{n} calls per run, {rounds} rounds of {runs} runs; ratio = with -e / without (median of rounds)")
for name in cases:
    w = statistics.median(a for a, _ in means[name]) * 1e3
    e = statistics.median(b for _, b in means[name]) * 1e3
    print(f"  {name:28} without {w:8.2f} ms  with -e {e:8.2f} ms  ratio {statistics.median(ratios[name]):.2f}")
loop = "for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do /bin/true; done"
def sh(promises):
    return shlex.join([sp, "-q", "-P", "unlimited", "-v", "rx:/usr/bin", "-p", promises, "--", "/bin/sh", "-c", loop])
held, narrowed, r_exec = [], [], []
for r in range(rounds):
    f = f"{out}/exec-narrowed-{r}.json"
    subprocess.run(["hyperfine", "-N", "--warmup", "2", "--runs", str(runs), "--export-json", f,
                    sh("stdio rpath prot_exec proc exec"), sh("stdio rpath proc exec")],
                   check=True, stdout=subprocess.DEVNULL)
    res = json.load(open(f))["results"]
    held.append(res[0]["median"]); narrowed.append(res[1]["median"])
    r_exec.append(res[1]["median"] / res[0]["median"])
h, w = statistics.median(held) * 1e3, statistics.median(narrowed) * 1e3
print(f"20 executed /bin/true from sh: prot_exec held {h:.2f} ms  narrowed {w:.2f} ms  ratio {statistics.median(r_exec):.2f}  ({(w - h) / 20:.2f} ms per executed program)")
PY
