#!/bin/sh
# seccomp-pledge benchmarks: ratios from one run, each measurement side by side with its
# baseline (alternating, median of the per-pair ratios). Needs gcc, hyperfine, python3.
#
#   (a) launch: seccomp-pledge -p 'stdio rpath' on /bin/true (dynamic) and a static true,
#       as overhead over the bare program, side by side with pledge.com (PLEDGE_COM) and a
#       minimal C launcher (benches/launcher.c), `seccomp-pledge --version`, and the launch
#       on one CPU (taskset -c 0) against two (and, with BASE_SP=/path/to/another/seccomp-pledge,
#       that build in the same rounds)
#   (b) syscall cost under a promise filter (with the supervisor attached, as always) vs the
#       floor every seccomp user pays (a one-instruction RET ALLOW filter,
#       benches/allow_all.c), measured inside the workload (benches/workload.c) so launch
#       time does not count; for a static workload (one filter) and a dynamic one (the
#       promise filter and the exact filter installed after its loader);
#   (c) the cost of one reported denial (a round trip through the supervisor) vs the same
#       call denied in the kernel by an explicit rule (no report).
#
# Usage: sh benches/run.sh            (RUNS=… ROUNDS=… SCALE=… to change the effort;
#        SP=/path/to/seccomp-pledge to measure another build, e.g. an older one)
set -eu
cd "$(dirname "$0")/.."
OUT=${OUT:-target/bench}
RUNS=${RUNS:-300}
ROUNDS=${ROUNDS:-7}
SCALE=${SCALE:-1}
mkdir -p "$OUT"
command -v hyperfine >/dev/null || { echo "benches: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
if [ -z "${SP:-}" ]; then
    cargo build --release --quiet
    SP=$PWD/target/x86_64-unknown-linux-gnu/release/seccomp-pledge
fi
cc -O2 -Wall -static -o "$OUT/workload" benches/workload.c
cc -O2 -Wall -o "$OUT/allow-all" benches/allow_all.c
cc -O2 -Wall -o "$OUT/workload-dynamic" benches/workload.c
cc -O2 -Wall -o "$OUT/launcher" benches/launcher.c
printf 'int main(void) { return 0; }\n' | cc -O2 -static -x c -o "$OUT/true-static" -
PIN="taskset -c 0"

echo "== (a) launch: median of $ROUNDS alternating rounds of hyperfine -N ($RUNS runs each)"
# Overheads are each command's median minus its program's bare median, from the same round;
# figures are the medians over the rounds. pledge.com (PLEDGE_COM, default
# ../shared/peers/pledge.com when present) and benches/launcher.c (fork + no_new_privs +
# Landlock + a one-instruction filter + execve) are the baselines.
PLEDGE_COM=${PLEDGE_COM:-}
[ -n "$PLEDGE_COM" ] || { [ -x ../shared/peers/pledge.com ] && PLEDGE_COM=$(cd ../shared/peers && pwd)/pledge.com; } || true
python3 - "$OUT" "$ROUNDS" "$RUNS" "$SP" "${BASE_SP:-}" "$PLEDGE_COM" <<'PY'
import json, statistics, subprocess, sys
out, rounds, runs, sp, base, pledge = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
dyn, sta = "/bin/true", f"{out}/true-static"
# (label, command, the bare command it is compared with)
rows = [("bare /bin/true (dynamic)", dyn, None), ("bare static true", sta, None),
        ("seccomp-pledge --version", f"{sp} --version", dyn)]
if base:
    rows.append(("BASE_SP --version", f"{base} --version", dyn))
for prog, kind in ((dyn, "dynamic"), (sta, "static")):
    rows.append((f"seccomp-pledge -p 'stdio rpath', {kind}", f"{sp} -p 'stdio rpath' -- {prog}", prog))
    if base:
        rows.append((f"BASE_SP -p 'stdio rpath', {kind}", f"{base} -p 'stdio rpath' -- {prog}", prog))
    if pledge:
        rows.append((f"pledge.com -p 'stdio rpath', {kind}", f"{pledge} -p 'stdio rpath' {prog}", prog))
    rows.append((f"minimal C launcher, {kind}", f"{out}/launcher {prog}", prog))
# One CPU: the same launch under taskset -c 0, against /bin/true under taskset -c 0.
pin = "taskset -c 0"
rows += [("bare /bin/true, one CPU", f"{pin} {dyn}", None),
         ("seccomp-pledge, dynamic, one CPU", f"{pin} {sp} -p 'stdio rpath' -- {dyn}", f"{pin} {dyn}")]
if pledge:
    rows.append(("pledge.com, dynamic, one CPU", f"{pin} {pledge} -p 'stdio rpath' {dyn}", f"{pin} {dyn}"))
cmds = [c for _, c, _ in rows]
med = {c: [] for c in cmds}
for r in range(rounds):
    order = cmds if r % 2 == 0 else cmds[::-1]
    subprocess.run(["hyperfine", "-N", "--warmup", "20", "--runs", str(max(runs // rounds, 10)),
                    "--export-json", f"{out}/launch.json"] + order, capture_output=True, check=True)
    for x in json.load(open(f"{out}/launch.json"))["results"]:
        med[x["command"]].append(x["median"])
m = statistics.median
over = {}
for label, c, bare in rows:
    if bare is None:
        print(f"  {label:42} {m(med[c])*1e3:7.3f} ms")
        continue
    over[label] = m([a - b for a, b in zip(med[c], med[bare])]) * 1e3
    print(f"  {label:42} {m(med[c])*1e3:7.3f} ms   overhead {over[label]:6.3f} ms")
def ratio(a, b, what):
    if a in over and b in over and over[b] > 0:
        print(f"  {what:60} x{over[a]/over[b]:5.2f}")
print("  ratios of overheads:")
for kind in ("dynamic", "static"):
    ratio(f"seccomp-pledge -p 'stdio rpath', {kind}", f"pledge.com -p 'stdio rpath', {kind}", f"seccomp-pledge / pledge.com, {kind}")
    ratio(f"seccomp-pledge -p 'stdio rpath', {kind}", f"minimal C launcher, {kind}", f"seccomp-pledge / minimal C launcher, {kind}")
ratio("seccomp-pledge, dynamic, one CPU", "seccomp-pledge -p 'stdio rpath', dynamic", "seccomp-pledge one CPU / two CPUs, dynamic")
PY

echo "== (b) syscall cost: ns per iteration, median of $ROUNDS alternating rounds (pinned to CPU 0)"
python3 - "$SP" "$OUT" "$ROUNDS" "$SCALE" "$PIN" <<'PY'
import statistics, subprocess, sys
sp, out, rounds, scale, pin = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5].split()
work, floor = f"{out}/workload", f"{out}/allow-all"
ops = [("getppid", 2_000_000, "allowed, no argument check"),
       ("fcntl", 2_000_000, "argument-checked (F_GETFL)"),
       ("ioctl", 2_000_000, "argument-checked (FIONREAD)"),
       ("mmap", 300_000, "argument-checked mmap + munmap"),
       ("openat", 300_000, "argument-checked openat + close")]
def ns(cmd):
    o = subprocess.run(pin + cmd, capture_output=True, text=True, check=True).stdout.split()
    return float(o[1])
print(f"  {'op':8} {'bare':>8} {'floor':>8} {'ours':>8} {'ours/floor':>11} {'dyn floor':>10} {'dyn ours':>9} {'dyn/floor':>10}  what")
dynwork = f"{out}/workload-dynamic"
for op, n, what in ops:
    n = str(int(n * scale))
    bare, fl, ours, ratios, dfl, dours, dratios = [], [], [], [], [], [], []
    for _ in range(rounds):
        b = ns([work, op, n]); f = ns([floor, work, op, n])
        o = ns([sp, "-q", "-V", "-p", "stdio rpath", "--", work, op, n])
        # A dynamic program: the promise filter plus the exact one installed after its loader.
        df = ns([floor, dynwork, op, n])
        do = ns([sp, "-q", "-V", "-p", "stdio rpath", "--", dynwork, op, n])
        bare.append(b); fl.append(f); ours.append(o); ratios.append(o / f)
        dfl.append(df); dours.append(do); dratios.append(do / df)
    m = statistics.median
    print(f"  {op:8} {m(bare):8.1f} {m(fl):8.1f} {m(ours):8.1f} {m(ratios):11.3f} {m(dfl):10.1f} {m(dours):9.1f} {m(dratios):10.3f}  {what}")
# Landlock on top (openat walks the ruleset): informational
fl, ours = [], []
for _ in range(rounds):
    fl.append(ns([floor, work, "openat", str(int(300_000 * scale))]))
    ours.append(ns([sp, "-q", "-p", "stdio rpath", "--", work, "openat", str(int(300_000 * scale))]))
print(f"  openat with Landlock unveil: floor {statistics.median(fl):.1f} ns, ours {statistics.median(ours):.1f} ns, x{statistics.median([o/f for o, f in zip(ours, fl)]):.3f}")
PY

echo "== (c) one denied socket(): reported through the supervisor vs denied in the kernel (median of $ROUNDS rounds)"
python3 - "$SP" "$OUT" "$ROUNDS" "$SCALE" <<'PY'
import statistics, subprocess, sys
sp, out, rounds, scale = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
work = f"{out}/workload"
n = str(int(100_000 * scale))
def ns(cmd):
    return float(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()[1])
for pin, label in ((["taskset", "-c", "0"], "same CPU"), ([], "unpinned")):
    rep, ker = [], []
    for _ in range(rounds):
        rep.append(ns(pin + [sp, "-q", "-V", "-p", "stdio", "--", work, "socket", n]))
        ker.append(ns(pin + [sp, "-q", "-V", "-p", "stdio", "--deny", "socket errno EPERM", "--", work, "socket", n]))
    r, k = statistics.median(rep), statistics.median(ker)
    print(f"  {label:9} reported {r/1000:7.2f} us   in-kernel {k:7.1f} ns   x{r/k:6.1f}")
PY
