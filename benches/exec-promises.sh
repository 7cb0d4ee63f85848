#!/bin/sh
# The cost of exec promises (-e) for the program itself, as ratios to the same run without
# -e, measured side by side in the same rounds (alternating, median of per-round ratios):
#   - a call only the program's own promises allow (getcwd under `stdio rpath`, exec
#     promises `stdio`): with -e it is a round trip through the supervisor;
#   - a call the exec promises allow too (getppid): the filter decides, as without -e.
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
    SP=$PWD/target/release/seccomp-pledge
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
PY
