#!/usr/bin/env python3
"""Keystroke latency of the browser in a pseudo-terminal at 120x40: the time from writing one
key to the first byte of the answer, over KEYS keys (default 500), alternating Down and Up in
the tree so that every key changes the screen. Then NOOP keys bound to nothing, and the CPU
time they cost the browser. Usage: keystroke.py BINARY [KEYS] [NOOP]
Prints p50 and p95 in milliseconds, and the CPU seconds for the no-op keys."""
import os, pty, select, statistics, struct, sys, time, fcntl, termios

def drain(fd, wait):
    """Reads what arrives within `wait` seconds of the last byte; returns when it was first seen."""
    first = None
    while True:
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            return first
        try:
            os.read(fd, 1 << 20)
        except OSError:
            return first
        if first is None:
            first = time.perf_counter()

def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def main():
    binary = sys.argv[1]
    keys = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    noop = int(sys.argv[3]) if len(sys.argv) > 3 else 400
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(binary, [binary, "--no-mouse"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    while b"quit" not in seen:
        r, _, _ = select.select([fd], [], [], 5)
        if not r:
            sys.exit("no first frame")
        seen += os.read(fd, 1 << 20)
    drain(fd, 0.2)
    times = []
    for i in range(keys):
        key = b"j" if i % 2 == 0 else b"k"
        start = time.perf_counter()
        os.write(fd, key)
        first = drain(fd, 0.05)
        if first is not None:
            times.append((first - start) * 1e3)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1] if times else float("nan")
    print(f"keystroke: p50 {statistics.median(times):.3f} ms, p95 {p95:.3f} ms ({len(times)} of {keys} keys answered)")
    # Keys bound to nothing (`%`): no frame should be drawn for them.
    before = cpu_seconds(pid)
    answered = 0
    for _ in range(noop):
        os.write(fd, b"%")
        if drain(fd, 0.002) is not None:
            answered += 1
    drain(fd, 0.2)
    print(f"{noop} no-op keys: {cpu_seconds(pid) - before:.3f} s CPU, {answered} answered with output")
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)

main()
