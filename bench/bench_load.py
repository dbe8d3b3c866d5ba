"""Open-loop load over real HTTP: N phones join, keep their live stream open and post
notes at a fixed total rate from random offsets, against the real server, engine and
SQLite file (synchronous=FULL) in another process (bench/load_server.py).

    uv run python bench/bench_load.py --phones 300 --groups 1 \
        --rates 50,100,300,500,1000,2000
    uv run python bench/bench_load.py --phones 1000 --groups 30 --rates 200 --gui

Each rate is one step on a fresh file and a fresh server. Open loop: a note is due at
its scheduled time whether or not the previous one was answered, and its latency counts
from that time, so a server that falls behind shows it (no coordinated omission). One
extra "wall" subscriber per group reads that group's stream like a phone and times each
note from its scheduled send to its arrival there. Every phone uses its own loopback
address (127.0.x.y), so the per-address limits work as on the venue's Wi-Fi.

`--paced` is the closed-loop variant for comparing two trees' CPU on a shared machine:
one note at a time, each posted 1/rate s after the last reached the wall, so every note
is one commit and one send to every stream whatever the tree's coalescing (which grows
with how busy the machine is and so hides or inflates cost). Its figure is the server's
CPU-seconds per 1,000 notes; its latencies are closed-loop, not the open-loop ones.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitator.domain.model import Visibility, Workshop  # noqa: E402
from facilitator.server.limits import Limits  # noqa: E402
from facilitator.server.server import raise_open_files_limit  # noqa: E402
from facilitator.store import Store  # noqa: E402
from facilitator.store.specs import GroupSpec, RoundSpec, WorkshopSpec  # noqa: E402

TAG = re.compile(rb"\[lt(\d+)\]")
SAMPLES = ROOT.parent / "shared" / "data" / "sample-notes.json"
TIMEOUT_S = 10.0
DRAIN_S = 5.0


def sample_texts() -> list[str]:
    try:
        data = json.loads(SAMPLES.read_text(encoding="utf-8"))
        texts = [n["text"] for q in data["questions"] for n in q["notes"]]
    except (OSError, ValueError, KeyError):
        texts = []
    return texts or ["Samen sterker: één landelijke aanpak voor laaggeletterdheid"]


def make_workshop(path: Path, groups: int) -> None:
    spec = WorkshopSpec(
        Workshop(title="Belastingproef"),
        groups=[GroupSpec(f"Tafel {i + 1}") for i in range(groups)],
        rounds=[
            RoundSpec(
                "Welke doelen kunnen we alleen als netwerk realiseren?",
                visibility=Visibility.VISIBLE,
            )
        ],
    )
    Store.create(path, spec).close()


def address(n: int) -> str:
    """Phone n's own loopback address; 127.1.x.y is kept for the wall subscribers."""
    return f"127.0.{1 + n // 250}.{1 + n % 250}"


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


class Http:
    """One keep-alive HTTP/1.1 connection, one request at a time, as a phone's fetch.

    Hand-written over asyncio streams because the generator must stay far cheaper
    than the server it loads: aiohttp's client costs several times more per request.
    """

    def __init__(self, port: int, local: str) -> None:
        self.port = port
        self.local = local
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(
            "127.0.0.1", self.port, local_addr=(self.local, 0)
        )

    async def request(
        self, method: str, path: str, body: bytes = b"", token: str = ""
    ) -> tuple[int, bytes]:
        if self._writer is None:
            await self._connect()
        assert self._reader is not None and self._writer is not None
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        )
        if token:
            head += f"Authorization: Bearer {token}\r\n"
        self._writer.write(head.encode() + b"\r\n" + body)
        try:
            raw = await self._reader.readuntil(b"\r\n\r\n")
            status = int(raw[9:12])
            length = 0
            for line in raw.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            payload = await self._reader.readexactly(length)
        except BaseException:
            self.close()
            raise
        return status, payload

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None


async def open_stream(
    port: int, local: str, token: str
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """GET /api/events; returns once the server said hello on it."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(local, 0))
    writer.write(
        (
            f"GET /api/events?token={token} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Accept: text/event-stream\r\n\r\n"
        ).encode()
    )
    seen = b""
    while b"event: hello" not in seen:
        chunk = await asyncio.wait_for(reader.read(65536), TIMEOUT_S)
        if not chunk:
            raise ConnectionError("stream closed before hello")
        seen += chunk
    return reader, writer


@dataclass
class Step:
    """What one rate step measured."""

    due: dict[int, float] = field(default_factory=dict)  # seq -> scheduled send time
    arrived: list[float] = field(default_factory=list)  # ms, scheduled send -> wall
    acked: list[float] = field(default_factory=list)  # ms, scheduled send -> 201
    lag: list[float] = field(default_factory=list)  # ms the generator sent late
    statuses: dict[str, int] = field(default_factory=dict)
    stream_bytes: int = 0
    streams_lost: int = 0
    measuring: bool = False
    seen: dict[int, asyncio.Event] = field(default_factory=dict)  # --paced: seq -> arrived


async def wall(stream: asyncio.StreamReader, step: Step) -> None:
    loop = asyncio.get_running_loop()
    tail = b""
    while True:
        chunk = await stream.read(65536)
        if not chunk:
            step.streams_lost += 1
            return
        now = loop.time()
        buffer = tail + chunk
        for match in TAG.finditer(buffer):
            seq = int(match.group(1))
            due = step.due.pop(seq, None)
            if due is not None:
                step.arrived.append((now - due) * 1000)
            if seq in step.seen:
                step.seen.pop(seq).set()
        tail = buffer[-40:]


class _Counting(asyncio.Protocol):
    """A phone's stream once it said hello: read everything (as the phone must), parse
    nothing. A protocol, not a task reading a StreamReader: 300 streams at hundreds of
    batches a second cost the generator a task wake-up each, and a generator that falls
    behind measures itself, not the server."""

    def __init__(self, step: Step) -> None:
        self.step = step

    def data_received(self, data: bytes) -> None:
        self.step.stream_bytes += len(data)

    def eof_received(self) -> bool | None:
        if self.step.measuring:
            self.step.streams_lost += 1
        return None


READERS_APART = True  # --one-process: the streams read in the generator's own loop


def start_readers(writers: list[asyncio.StreamWriter]) -> subprocess.Popen[str]:
    """The phones' streams handed to bench/stream_readers.py (their own process, on the
    generator's core); this process stops reading them but keeps them open."""
    fds = []
    for writer in writers:
        writer.transport.pause_reading()
        fds.append(writer.transport.get_extra_info("socket").fileno())
    return subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "stream_readers.py"), *map(str, fds)],
        pass_fds=fds, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )


def reader_only(writer: asyncio.StreamWriter, step: Step) -> None:
    """Hand a phone's stream connection to a _Counting protocol."""
    transport = writer.transport
    transport.set_protocol(_Counting(step))
    transport.resume_reading()


async def poster(
    http: Http,
    token: str,
    n: int,
    start: float,
    end: float,
    interval: float,
    step: Step,
    counter: list[int],
    texts: list[str],
) -> None:
    loop = asyncio.get_running_loop()
    due = start + random.random() * interval
    i = 0
    while due < end:
        now = loop.time()
        if due > now:
            await asyncio.sleep(due - now)
        counter[0] += 1
        seq = counter[0]
        text = f"{texts[seq % len(texts)]} [lt{seq}]"
        body = json.dumps(
            {"client_note_id": f"load-{n:05d}-{i:06d}", "text": text}, ensure_ascii=False
        ).encode()
        step.due[seq] = due
        step.lag.append((loop.time() - due) * 1000)
        try:
            status, _ = await asyncio.wait_for(
                http.request("POST", "/api/notes", body, token), TIMEOUT_S
            )
            key = str(status)
        except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
            key = type(exc).__name__
            http.close()
        step.statuses[key] = step.statuses.get(key, 0) + 1
        if key in ("200", "201"):
            step.acked.append((loop.time() - due) * 1000)
        else:
            step.due.pop(seq, None)  # refused: it will not arrive, and is counted
        due += interval
        i += 1


async def paced_poster(
    phones_up: list[Any],
    end: float,
    gap: float,
    step: Step,
    counter: list[int],
    texts: list[str],
) -> None:
    """--paced: one note at a time, from each phone in turn; the next is posted `gap` s
    after the last reached the wall. Every note is then its own commit and its own send
    to every stream, in any tree: the server's CPU per note compares two trees' work
    without their coalescing, which grows with how busy the machine is."""
    loop = asyncio.get_running_loop()
    n = 0
    while loop.time() < end:
        http, token, _ = phones_up[n % len(phones_up)]
        counter[0] += 1
        seq = counter[0]
        text = f"{texts[seq % len(texts)]} [lt{seq}]"
        body = json.dumps(
            {"client_note_id": f"paced-{seq:07d}", "text": text}, ensure_ascii=False
        ).encode()
        arrived = step.seen[seq] = asyncio.Event()
        sent = step.due[seq] = loop.time()
        step.lag.append(0.0)
        status, _ = await asyncio.wait_for(
            http.request("POST", "/api/notes", body, token), TIMEOUT_S
        )
        step.statuses[str(status)] = step.statuses.get(str(status), 0) + 1
        if status in (200, 201):
            step.acked.append((loop.time() - sent) * 1000)
            await asyncio.wait_for(arrived.wait(), TIMEOUT_S)
        else:
            step.due.pop(seq, None)
        n += 1
        await asyncio.sleep(gap)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def join(port: int, local: str, code: str, name: str) -> tuple[Http, str]:
    http = Http(port, local)
    body = json.dumps({"code": code, "name": name}).encode()
    for _ in range(20):
        status, payload = await http.request("POST", "/api/join", body)
        if status == 201:
            token = json.loads(payload)["token"]
            await http.request("GET", "/api/state", token=token)  # as the page does
            return http, token
        await asyncio.sleep(1)
    raise RuntimeError(f"join refused: {status} {payload!r}")


async def run_step(
    port: int,
    codes: list[str],
    phones: int,
    rate: float,
    seconds: float,
    server: subprocess.Popen[str],
    paced: bool = False,
) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    step = Step()
    texts = sample_texts()
    gate = asyncio.Semaphore(64)  # joins in flight, as a room scanning at once

    async def one(n: int) -> tuple[Http, str, tuple[asyncio.StreamReader, asyncio.StreamWriter]]:
        async with gate:
            http, token = await join(port, address(n), codes[n % len(codes)], f"Telefoon {n}")
            return http, token, await open_stream(port, address(n), token)

    joined_at = loop.time()
    phones_up = await asyncio.gather(*(one(n) for n in range(phones)))
    walls = []
    for g, code in enumerate(codes):
        _, token = await join(port, f"127.1.0.{1 + g}", code, f"Muur {g + 1}")
        walls.append(await open_stream(port, f"127.1.0.{1 + g}", token))
    join_s = loop.time() - joined_at
    tasks = [asyncio.create_task(wall(reader, step)) for reader, _ in walls]
    readers = None
    if READERS_APART:
        readers = start_readers([writer for _, _, (_, writer) in phones_up])
    else:
        for _, _, (_, writer) in phones_up:
            reader_only(writer, step)

    assert server.stdin is not None and server.stdout is not None
    server.stdin.write("reset\n")
    server.stdin.flush()
    cpu_before, used_before = cpu_seconds(server.pid), resource.getrusage(resource.RUSAGE_SELF)
    interval = phones / rate
    counter = [0]
    step.measuring = True
    if readers is not None:
        assert readers.stdin is not None
        readers.stdin.write("measure\n")
        readers.stdin.flush()
    start = loop.time() + 0.2
    end = start + seconds
    if paced:
        await paced_poster(phones_up, end, 1 / rate, step, counter, texts)
    else:
        await asyncio.gather(
            *(
                poster(http, token, n, start, end, interval, step, counter, texts)
                for n, (http, token, _) in enumerate(phones_up)
            )
        )
    posted_s = loop.time() - start
    cpu = cpu_seconds(server.pid) - cpu_before
    used = resource.getrusage(resource.RUSAGE_SELF)
    server.stdin.write("report\n")
    server.stdin.flush()
    gui = json.loads(await asyncio.to_thread(server.stdout.readline))["gui"]
    drain_end = loop.time() + DRAIN_S
    while step.due and loop.time() < drain_end:
        await asyncio.sleep(0.05)
    step.measuring = False
    missing = len(step.due)
    if readers is not None:
        assert readers.stdin is not None and readers.stdout is not None
        readers.stdin.write("report\n")
        readers.stdin.flush()
        counted = json.loads(await asyncio.to_thread(readers.stdout.readline))
        step.stream_bytes, step.streams_lost = counted["bytes"], counted["lost"]
        readers.stdin.close()
        readers.wait(10)
    for task in tasks:
        task.cancel()
    for http, _, (_, writer) in phones_up:
        http.close()
        writer.close()
    for _, writer in walls:
        writer.close()
    accepted = len(step.acked)
    errors = sum(v for k, v in step.statuses.items() if k not in ("200", "201"))
    client_cpu = (used.ru_utime - used_before.ru_utime) + (used.ru_stime - used_before.ru_stime)
    return {
        "phones": phones,
        "groups": len(codes),
        "rate": rate,
        "seconds": round(posted_s, 1),
        "join_s": round(join_s, 1),
        "sent": counter[0],
        "accepted": accepted,
        "accepted_per_s": accepted / posted_s,
        "errors": errors,
        "statuses": step.statuses,
        "not_delivered": missing,
        "wall_p50": percentile(step.arrived, 50),
        "wall_p99": percentile(step.arrived, 99),
        "wall_max": max(step.arrived, default=float("nan")),
        "ack_p50": percentile(step.acked, 50),
        "ack_p99": percentile(step.acked, 99),
        "lag_p99": percentile(step.lag, 99),
        "server_cpu_pct": 100 * cpu / posted_s,
        "client_cpu_pct": 100 * client_cpu / posted_s,
        # the steadier figure on a shared machine: the server's CPU-seconds per 1,000
        # notes accepted (user + system, all its threads, over the posting window)
        "cpu_s_per_1000": 1000 * cpu / accepted if accepted else float("nan"),
        "stream_mb_per_s": step.stream_bytes / posted_s / 1e6,
        "streams_lost": step.streams_lost,
        "gui": gui,
    }


PIN: dict[str, str] = {}  # --pin: the server's core (taskset -c), set by main()
FANOUT_KNOBS: list[str] = []  # --fanout-share / --max-hold-ms, passed to load_server.py


def start_server(
    path: Path, gui: bool, write_rate: float, screenshot: Path | None = None
) -> tuple[subprocess.Popen[str], dict[str, Any]]:
    pin = ["taskset", "-c", PIN["server"]] if PIN else []
    command = [
        *pin,
        sys.executable,
        str(ROOT / "bench" / "load_server.py"),
        str(path),
        "--write-rate",
        str(write_rate),
    ]
    if gui:
        command.append("--gui")
    command += FANOUT_KNOBS
    if screenshot is not None:
        command += ["--screenshot", str(screenshot)]
    # XDG_CONFIG_HOME: the window's QSettings go beside the scratch file, not to the
    # user's own layout.
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        PYTHONPATH=str(ROOT),
        XDG_CONFIG_HOME=str(path.parent),
    )
    proc = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        raise RuntimeError("the load server did not start")
    return proc, json.loads(line)


def one_step(
    phones: int,
    groups: int,
    rate: float,
    seconds: float,
    gui: bool,
    screenshot: Path | None = None,
    paced: bool = False,
) -> dict[str, Any]:
    per_phone = rate / phones
    # A person writes a note every 10 s or so; the app lets a phone post 2/s steadily.
    # Steps that need more per phone than that raise it, and say so.
    write_rate = max(Limits().write_rate, per_phone * 2)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "load.workshop"
        make_workshop(path, groups)
        proc, hello = start_server(path, gui, write_rate, screenshot)
        try:
            result = asyncio.run(
                run_step(hello["port"], hello["codes"], phones, rate, seconds, proc, paced)
            )
            result["paced"] = paced
            result["peak_rss_mb"] = peak_rss_mb(proc.pid)
            result["write_limit"] = write_rate
        finally:
            assert proc.stdin is not None
            proc.stdin.close()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        store = Store.open(path, readonly=True)
        try:
            result["stored"] = sum(
                store.count_notes(g.id, r.id, visible_only=False)
                for g in store.groups()
                for r in store.rounds()
            )
            result["integrity_ok"] = store.integrity_ok()
        finally:
            store.close()
    return result


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| phones/groups | rate (notes/s) | accepted/s | errors | not delivered | "
        "to wall p50 / p99 / max (ms) | ack p99 (ms) | server CPU | CPU s / 1,000 notes | "
        "peak RSS | GUI timer late p99 / max (ms) | generator late p99 (ms) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        gui = r["gui"]
        gui_cell = f"{gui['late_p99_ms']:.1f} / {gui['late_max_ms']:.1f}" if gui else "-"
        lines.append(
            f"| {r['phones']}/{r['groups']} | {r['rate']:g} | {r['accepted_per_s']:.0f} | "
            f"{r['errors']} | {r['not_delivered']} | {r['wall_p50']:.0f} / {r['wall_p99']:.0f}"
            f" / {r['wall_max']:.0f} | {r['ack_p99']:.0f} | {r['server_cpu_pct']:.0f}% | "
            f"{r['cpu_s_per_1000']:.2f} | "
            f"{r['peak_rss_mb']:.0f} MB | {gui_cell} | {r['lag_p99']:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--groups", type=int, default=1)
    parser.add_argument(
        "--rates",
        default="50,100,300,500,1000,2000",
        help="notes per second for all phones together, one step each",
    )
    parser.add_argument("--seconds", type=float, default=15.0, help="length of each step")
    parser.add_argument(
        "--gui", action="store_true", help="run the real main window in the server process"
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument(
        "--screenshot", type=Path, help="with --gui: the window at the end of the last step, as PNG"
    )
    parser.add_argument(
        "--pin",
        metavar="SERVER,GENERATOR",
        help="pin the server process and this generator to these cores, "
        "e.g. 0,1 (as the issue's side-by-side runs)",
    )
    parser.add_argument(
        "--paced",
        action="store_true",
        help="one note at a time, each 1/rate s after the last reached the wall: the "
        "server's CPU per note without coalescing (comparable between trees on a busy "
        "machine; the rate is then at most 1/rate per second)",
    )
    parser.add_argument(
        "--one-process",
        action="store_true",
        help="read the phones' streams in the generator's own loop, as before December "
        "2026 (its callbacks then delay the posters and the observer: bench/stream_readers.py)",
    )
    parser.add_argument("--fanout-share", help="the server's FANOUT_SHARE, to try another")
    parser.add_argument("--max-hold-ms", help="the server's MAX_HOLD_S in ms, to try another")
    args = parser.parse_args()
    if args.fanout_share:
        FANOUT_KNOBS.extend(["--fanout-share", args.fanout_share])
    if args.max_hold_ms:
        FANOUT_KNOBS.extend(["--max-hold-ms", args.max_hold_ms])
    if args.one_process:
        global READERS_APART
        READERS_APART = False
    if args.pin:
        server_core, generator_core = args.pin.split(",")
        PIN["server"] = server_core
        os.sched_setaffinity(0, {int(generator_core)})
    raise_open_files_limit(4 * args.phones + 256)
    random.seed(6)
    results = []
    for rate in (float(r) for r in args.rates.split(",")):
        result = one_step(
            args.phones, args.groups, rate, args.seconds, args.gui, args.screenshot, args.paced
        )
        results.append(result)
        print(json.dumps(result), file=sys.stderr, flush=True)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
