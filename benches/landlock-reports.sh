#!/bin/sh
# The cost of explaining Landlock's refusals: `--landlock-reports off`, `audit` (the kernel's
# audit records) and `check` (file calls checked by the supervisor), each as a ratio to `off`
# measured side by side in the same rounds (alternating, median of the per-round ratios), on
#   - `find /usr/lib -name x` (one open per directory; /usr as a whole holds directories
#     that root without capabilities, as in the sandbox, may not read), and
#   - `cp -r` of a tree of 10,000 small files (an open to read and one to create per file).
# No access is refused, so `audit` pays only its set-up and end-of-run flush, and `check` a
# round trip through the supervisor per file call. The bare program is shown for scale.
#
# The audit mode needs root (CAP_AUDIT_READ) and kernel audit on; when audit is off it is
# left out, unless ENABLE_AUDIT=1, which turns audit on for the benchmark and off after.
# Needs hyperfine and python3.
#
# Usage: sh benches/landlock-reports.sh     (ROUNDS=… RUNS=… FILES=… to change the effort)
set -eu
cd "$(dirname "$0")/.."
OUT=${OUT:-target/bench}
ROUNDS=${ROUNDS:-5}
RUNS=${RUNS:-10}
FILES=${FILES:-10000}
mkdir -p "$OUT"
command -v hyperfine >/dev/null || { echo "benches: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
if [ -z "${SP:-}" ]; then
    cargo build --release --quiet
    SP=$PWD/target/x86_64-unknown-linux-gnu/release/seccomp-pledge
fi
python3 - "$OUT" "$ROUNDS" "$RUNS" "$FILES" "$SP" "${ENABLE_AUDIT:-0}" <<'PY'
import json, os, shutil, socket, statistics, struct, subprocess, sys
out, rounds, runs, files, sp, enable = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6] == "1"

def audit(set_to=None):
    """The kernel's audit switch (AUDIT_GET, or AUDIT_SET when set_to is given)."""
    try:
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 9)
    except OSError:
        return None
    body = b"" if set_to is None else struct.pack("=8I", 1, set_to, 0, 0, 0, 0, 0, 0)
    s.send(struct.pack("=IHHII", 16 + len(body), 1000 if set_to is None else 1001, 1, 1, 0) + body)
    if set_to is not None:
        return set_to
    for _ in range(4):
        d = s.recv(8192)
        kind = struct.unpack("=H", d[4:6])[0]
        if kind == 1000:
            return struct.unpack("=I", d[20:24])[0]
        if kind == 2 and struct.unpack("=i", d[16:20])[0] != 0:
            return None
    return None

was = audit()
if was == 0 and enable:
    audit(1)
modes = ["off", "check"] + (["audit"] if audit() == 1 else [])
if "audit" not in modes:
    print(f"(audit mode left out: kernel audit is {'unreadable' if was is None else 'off'}; ENABLE_AUDIT=1 turns it on for the run)")

tree = os.path.realpath(f"{out}/lr-tree")
if not os.path.isdir(tree) or len(os.listdir(tree)) != 100:
    shutil.rmtree(tree, ignore_errors=True)
    for i in range(files):
        d = f"{tree}/{i % 100:02d}"
        os.makedirs(d, exist_ok=True)
        with open(f"{d}/f{i}", "w") as f:
            f.write("x" * 100)
dst = os.path.realpath(f"{out}/lr-copy")
work = {
    "find /usr/lib -name x": (["stdio", "rpath"], ["-v", "r:/usr/lib"], ["find", "/usr/lib", "-name", "x"], None),
    f"cp -r ({files} files)": (["stdio", "rpath", "wpath", "cpath", "fattr"], ["-v", f"r:{tree}", "-v", f"rwc:{out}"], ["cp", "-r", tree, dst], f"rm -rf {dst}"),
}
try:
    for name, (promises, unveils, argv, prepare) in work.items():
        cmds = {"bare": " ".join(argv)}
        for m in modes:
            cmds[m] = " ".join([sp, "-q", "-P", "unlimited", "--landlock-reports", m, "-p", f"'{' '.join(promises)}'"] + unveils + ["--"] + argv)
        # Each command once, to be sure it works confined (exit 0, nothing reported).
        for m, c in cmds.items():
            if prepare:
                subprocess.run(prepare, shell=True, check=True)
            r = subprocess.run(c, shell=True, capture_output=True, text=True)
            if r.returncode != 0 or r.stderr.strip():
                sys.exit(f"{name} [{m}] failed: {r.returncode} {r.stderr[:400]}")
        per = {m: [] for m in cmds}
        for _ in range(rounds):
            args = ["hyperfine", "-N", "--warmup", "1", "--runs", str(runs), "--export-json", f"{out}/lr.json", "--style", "none"]
            if prepare:
                args += ["--prepare", prepare]
            for m in cmds:
                args += ["-n", m, cmds[m]]
            subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
            res = {r["command"]: r["median"] for r in json.load(open(f"{out}/lr.json"))["results"]}
            for m in cmds:
                per[m].append(res[m])
        off = per["off"]
        print(f"== {name}: medians over {rounds} rounds of {runs} runs; ratios to `off` in the same round")
        for m in cmds:
            ratio = statistics.median(a / b for a, b in zip(per[m], off))
            print(f"  {m:6s} {statistics.median(per[m]) * 1000:9.1f} ms   x{ratio:.2f}")
finally:
    if was == 0 and enable:
        audit(0)
    shutil.rmtree(dst, ignore_errors=True)
PY
