#!/bin/sh
# Tracer benchmark: seccomp-pledge trace against strace, both writing the full trace (return
# values included) to a file, side by side in alternating rounds; the ratio is ours/strace
# (median of the per-round ratios). Then the tracer's peak memory for 10x more events, to
# show it does not grow with the trace. Needs gcc, strace, python3.
#
#   (1) one million getppid() calls          (SCALE=1; a stop pair per call)
#   (2) an open/close loop                   (openat + close, 200k iterations)
#   (3) find /usr                            (a real program: getdents64, newfstatat, …)
#
# Usage: sh benches/trace.sh          (ROUNDS=… SCALE=… to change the effort)
set -eu
cd "$(dirname "$0")/.."
OUT=${OUT:-target/bench}
ROUNDS=${ROUNDS:-3}
SCALE=${SCALE:-1}
mkdir -p "$OUT"
command -v strace >/dev/null || { echo "benches: strace is needed (apt-get install strace)" >&2; exit 1; }
cargo build --release --quiet
SP=$PWD/target/x86_64-unknown-linux-gnu/release/seccomp-pledge
cc -O2 -Wall -static -o "$OUT/workload" benches/workload.c
echo "strace: $(strace -V | head -1)"

python3 - "$SP" "$OUT" "$ROUNDS" "$SCALE" <<'PY'
import os, resource, statistics, subprocess, sys, time
sp, out, rounds, scale = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
work = f"{out}/workload"
trace_file = f"{out}/trace.out"

def wall(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t

def lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)

cases = [
    ("getppid x%d" % int(1_000_000 * scale), [work, "getppid", str(int(1_000_000 * scale))]),
    ("open/close x%d" % int(200_000 * scale), [work, "openat", str(int(200_000 * scale))]),
    ("find /usr", ["find", "/usr"]),
]
print("== wall time, full trace to a file (median of %d alternating rounds)" % rounds)
print(f"  {'workload':22} {'bare s':>8} {'strace s':>9} {'ours s':>8} {'ours/strace':>12} {'--no-pin':>9}  lines (ours / strace)")
for label, cmd in cases:
    bare, st, ours, nopin, ratios = [], [], [], [], []
    for _ in range(rounds):
        bare.append(wall(cmd))
        st.append(wall(["strace", "-f", "-o", trace_file + ".strace"] + cmd))
        ours.append(wall([sp, "trace", "-f", "-o", trace_file, "--"] + cmd))
        nopin.append(wall([sp, "trace", "--no-pin", "-f", "-o", trace_file + ".nopin", "--"] + cmd))
        ratios.append(ours[-1] / st[-1])
    m = statistics.median
    print(f"  {label:22} {m(bare):8.3f} {m(st):9.3f} {m(ours):8.3f} {m(ratios):12.3f} {m(nopin)/m(st):9.3f}  {lines(trace_file)} / {lines(trace_file + '.strace')}")

print("== peak memory of the tracer (max RSS), 10x more events")
for n in (100_000, 1_000_000):
    n = int(n * scale)
    pid = os.fork()
    if pid == 0:
        os.execv(sp, [sp, "trace", "-o", "/dev/null", "--", work, "getppid", str(n)])
    _, status, ru = os.wait4(pid, 0)
    print(f"  getppid x{n:<9} max RSS {ru.ru_maxrss / 1024:7.1f} MiB")
PY
