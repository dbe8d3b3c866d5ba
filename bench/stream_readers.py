"""The phones' live streams for bench_load.py, read in a process of their own.

    python bench/stream_readers.py FD [FD ...]   (started by bench_load.py, fds inherited)

Each phone must read everything the server sends on its stream (a reader that stops
would be a slow phone), but the generator's own loop must not: 300 streams each woken
by every batch put ~300 callbacks per note in front of the posters' timers and the wall
observer's read, so the generator measured its own queue, not the server's latency. A
real phone has its own CPU. Here the streams get their own process (on the generator's
core, so the server's core stays its own), and the kernel runs it beside the posters.

stdin: `measure` starts counting lost streams, `report` prints one JSON line
{"bytes", "lost"}; end of input ends it.
"""

from __future__ import annotations

import json
import os
import selectors
import sys


def main() -> None:
    fds = [int(arg) for arg in sys.argv[1:]]
    selector = selectors.DefaultSelector()
    for fd in fds:
        os.set_blocking(fd, False)
        selector.register(fd, selectors.EVENT_READ)
    stdin = sys.stdin.fileno()
    selector.register(stdin, selectors.EVENT_READ)
    received = lost = 0
    measuring = False
    pending = b""
    while True:
        for key, _ in selector.select():
            fd = int(key.fd)
            if fd == stdin:
                data = os.read(stdin, 4096)
                if not data:
                    return
                pending += data
                while b"\n" in pending:
                    line, _, pending = pending.partition(b"\n")
                    if line == b"measure":
                        measuring, received = True, 0
                    elif line == b"report":
                        print(json.dumps({"bytes": received, "lost": lost}), flush=True)
                        measuring = False
                continue
            try:
                data = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if data:
                received += len(data)
                continue
            selector.unregister(fd)
            if measuring:
                lost += 1


if __name__ == "__main__":
    main()
