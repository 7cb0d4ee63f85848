#!/usr/bin/env python3
"""Socket API benchmark: latency and throughput of small commands (`promise stdio`, then
`show`) with 1 and 50 concurrent clients, side by side with the same commands fed to
`seccomp-pledge shell` on stdin (no socket: the interpreter's own cost).

Usage: python3 benches/api.py [ROUNDS]     (after `cargo build --release`)
"""
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SP = os.path.join(ROOT, "target", "release", "seccomp-pledge")
PAIRS = 500          # command pairs per client
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3


def client(path, pairs, lat):
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    f = s.makefile("rwb", buffering=0)
    r = s.makefile("rb")
    for _ in range(pairs):
        for cmd in (b"promise stdio\n", b"show\n"):
            t = time.perf_counter()
            f.write(cmd)
            while True:
                line = r.readline()
                if line in (b"ok\n",) or line.startswith(b"error:"):
                    break
            lat.append(time.perf_counter() - t)
    s.close()


def over_socket(path, clients):
    lats = [[] for _ in range(clients)]
    threads = [threading.Thread(target=client, args=(path, PAIRS, lats[i])) for i in range(clients)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    all_l = [x for l in lats for x in l]
    return len(all_l) / wall, statistics.median(all_l), sorted(all_l)[int(len(all_l) * 0.99)]


def over_stdin():
    cmds = b"promise stdio\nshow\n" * PAIRS
    t = time.perf_counter()
    subprocess.run([SP, "shell"], input=cmds, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t
    return 2 * PAIRS / wall


def main():
    d = tempfile.mkdtemp()
    os.chmod(d, 0o700)
    path = os.path.join(d, "api.sock")
    srv = subprocess.Popen([SP, "serve", "--socket", path, "--max-clients", "64"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not os.path.exists(path):
        time.sleep(0.01)
    try:
        print(f"== {PAIRS} pairs of `promise stdio` + `show` per client, median of {ROUNDS} rounds")
        base = statistics.median(over_stdin() for _ in range(ROUNDS))
        print(f"  stdin batch (no socket)   {base:9.0f} commands/s")
        for n in (1, 50):
            runs = [over_socket(path, n) for _ in range(ROUNDS)]
            tput = statistics.median(r[0] for r in runs)
            p50 = statistics.median(r[1] for r in runs)
            p99 = statistics.median(r[2] for r in runs)
            print(f"  socket, {n:2} client(s)      {tput:9.0f} commands/s  (x{tput / base:.2f} of the batch)"
                  f"  latency median {p50 * 1e6:7.1f} us, p99 {p99 * 1e6:7.1f} us")
    finally:
        srv.terminate()
        srv.wait()


if __name__ == "__main__":
    main()
