#!/usr/bin/env python3
"""Keystroke latency and idle cost of the browser in a pseudo-terminal.

Usage: keystroke.py BINARY [KEYS] [NOOP]

1. At 120x40: KEYS keys (default 500) alternating Down and Up in the tree, so that every key
   changes the screen; for each, the time from writing the key to the first byte of the
   answer. Prints p50, p95 and max in milliseconds. Then KEYS keys that each show a row
   not shown in the last 8 (Down 15 times, then the first row): the right side's cache
   never holds the row shown, so each key builds and measures its text anew.
2. At 160x48: NOOP keys (default 400) bound to nothing (`%`), and the user+sys CPU seconds
   they cost the browser (from /proc, in clock ticks of 10 ms). None should be answered.

The machine may be shared: run it when the load is low and say what the load was. Linux only
(/proc); no dependencies beyond Python 3."""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

QUIT_HINT = b"quit"  # the footer's last word: the first frame is on the screen


def drain(fd, wait):
    """Reads what arrives within `wait` seconds of the last byte; returns when the first byte was
    seen (None if nothing came)."""
    first = None
    while True:
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            return first
        try:
            data = os.read(fd, 1 << 20)
        except OSError:
            return first
        if not data:
            return first
        if first is None:
            first = time.perf_counter()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # utime and stime, fields 14 and 15 of stat (11 and 12 after the command name).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resize(fd, cols, rows):
    # On the master side the kernel sends SIGWINCH to the browser.
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def percentile(sorted_ms, p):
    return sorted_ms[min(len(sorted_ms) - 1, max(0, int(len(sorted_ms) * p) - 1))]


def timed(fd, title, keys):
    """Writes each key, waits for its answer; prints p50, p95 and max of the times to it."""
    times = []
    for key in keys:
        start = time.perf_counter()
        os.write(fd, key)
        first = drain(fd, 0.05)
        if first is not None:
            times.append((first - start) * 1e3)
    if not times:
        sys.exit("no key was answered")
    times.sort()
    print(
        f"{title}: p50 {statistics.median(times):.3f} ms, "
        f"p95 {percentile(times, 0.95):.3f} ms, max {times[-1]:.3f} ms "
        f"({len(times)} of {len(keys)} keys answered)"
    )


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    keys = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    noop = int(sys.argv[3]) if len(sys.argv) > 3 else 400
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("NO_COLOR", None)
        # No config, state or history of the user's: a fresh browser.
        os.environ["XDG_CONFIG_HOME"] = "/nonexistent-obddx-bench"
        os.environ["XDG_STATE_HOME"] = "/nonexistent-obddx-bench"
        os.execv(binary, [binary, "--no-mouse"])
    resize(fd, 120, 40)
    seen = b""
    deadline = time.monotonic() + 10
    while QUIT_HINT not in seen:
        r, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not r:
            sys.exit("no first frame within 10 s")
        seen += os.read(fd, 1 << 20)
    drain(fd, 0.2)
    # Down and Up: the two rows' right sides alternate (the second and later from the cache).
    timed(fd, "keystroke at 120x40", [b"j" if i % 2 == 0 else b"k" for i in range(keys)])
    # Down 15 times, then `g` (the first row): every key shows a row not among the last 8
    # shown, so every right side is built and measured anew.
    walk = [b"g" if i % 16 == 15 else b"j" for i in range(keys)]
    timed(fd, "keystroke at 120x40, each a row not shown in the last 8", walk)
    resize(fd, 160, 48)
    drain(fd, 0.3)
    before = cpu_seconds(pid)
    answered = 0
    for _ in range(noop):
        os.write(fd, b"%")
        if drain(fd, 0.002) is not None:
            answered += 1
    drain(fd, 0.2)
    spent = cpu_seconds(pid) - before
    print(f"{noop} no-op keys at 160x48: {spent:.3f} s CPU (user+sys), {answered} answered with output")
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)


main()
