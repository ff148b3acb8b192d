#!/usr/bin/env python3
"""Time from starting `obddx` (the browser) in a pseudo-terminal to the first byte it writes,
and to its first full frame; then quits it with `q`. Usage: first_byte.py BINARY [RUNS]
Prints the median and the minimum of each, in milliseconds. `first_byte.py /bin/echo` gives the
baseline: what forking and exec'ing any program in a pseudo-terminal costs from Python."""
import os, pty, select, statistics, struct, sys, time, fcntl, termios

def one(binary):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(binary, [binary, "--no-mouse"])
    start = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    first = None
    frame = None
    seen = b""
    while frame is None:
        r, _, _ = select.select([fd], [], [], 5)
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child has exited (a baseline such as /bin/echo)
            break
        now = time.perf_counter()
        if first is None:
            first = now
        seen += chunk
        # The first frame ends with the key hints line ("q quit" or "quit").
        if b"quit" in seen:
            frame = now
    try:
        os.write(fd, b"q")
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    return (first - start) * 1e3 if first else float("nan"), (frame - start) * 1e3 if frame else float("nan")

def main():
    binary = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    firsts, frames = zip(*(one(binary) for _ in range(runs)))
    print(f"first byte:  median {statistics.median(firsts):.2f} ms, min {min(firsts):.2f} ms ({runs} runs)")
    print(f"first frame: median {statistics.median(frames):.2f} ms, min {min(frames):.2f} ms")

main()
