"""Engine results reach the server's loop cheaply (issue 17, server/settle.py).

Under a flood the loop spent a quarter of its time on a concurrent Future, a wrapped
future, a shield and a self-pipe write per note. Results settled together now wake the
loop once; a phone that hung up is skipped, its command still committed; a note whose
body came with its head is read without arming a timer.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import pytest

from facilitator.server import ParticipantServer, errors
from facilitator.server.settle import LoopSettler
from tests.test_server_support import groups, join, post


def test_results_settled_together_wake_the_loop_once() -> None:
    async def scenario() -> tuple[int, list[Any]]:
        loop = asyncio.get_running_loop()
        wakeups = 0
        real = loop.call_soon_threadsafe

        def counting(callback: Any, *args: Any) -> Any:
            nonlocal wakeups
            wakeups += 1
            return real(callback, *args)

        loop.call_soon_threadsafe = counting  # type: ignore[method-assign]
        settler = LoopSettler(loop)
        futures = [loop.create_future() for _ in range(50)]
        refused = ValueError("refused")

        def writer() -> None:  # the engine's writer thread settling one committed batch
            for i, future in enumerate(futures):
                settler.settle(future, None if i == 7 else i, refused if i == 7 else None)

        thread = threading.Thread(target=writer)
        thread.start()
        thread.join()  # the loop is busy meanwhile, as under a flood
        results = await asyncio.gather(*futures, return_exceptions=True)
        return wakeups, results

    wakeups, results = asyncio.run(scenario())
    assert wakeups == 1
    assert results[:7] == list(range(7)) and results[8:] == list(range(8, 50))
    assert isinstance(results[7], ValueError)


def test_a_cancelled_wait_is_skipped_and_later_results_still_arrive() -> None:
    async def scenario() -> Any:
        loop = asyncio.get_running_loop()
        settler = LoopSettler(loop)
        gone, waiting = loop.create_future(), loop.create_future()
        gone.cancel()  # the phone hung up
        settler.settle(gone, "stored anyway", None)
        settler.settle(waiting, "stored", None)
        return await asyncio.wait_for(waiting, 5)

    assert asyncio.run(scenario()) == "stored"


def test_a_note_is_committed_and_answered_through_the_settler(
    server: ParticipantServer, workshop_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    timers = 0
    real_timeout = asyncio.timeout

    def counting_timeout(delay: float | None) -> AbstractAsyncContextManager[Any]:
        nonlocal timers
        timers += 1
        return real_timeout(delay)

    token = join(server.port, groups(workshop_path)[0].code)
    monkeypatch.setattr(errors.asyncio, "timeout", counting_timeout)
    first = _post_in_one_write(server.port, token, "settle-0001", "Samen sterker")
    again = _post_in_one_write(server.port, token, "settle-0001", "Samen sterker")  # a retry
    assert (first[0], again[0]) == (201, 200)
    assert first[1]["note"]["id"] == again[1]["note"]["id"]
    refused = _post_in_one_write(server.port, token, "settle-0002", "   ")
    assert refused[0] == 422, refused  # a refusal travels back as before
    # Each body came whole with its head: no timer was armed to wait for it.
    assert timers == 0
    # A body that comes after its head still arrives, through the timed wait.
    assert post(server.port, token, "settle-0003", "Later").status == 201


def _post_in_one_write(port: int, token: str, cid: str, text: str) -> tuple[int, Any]:
    """POST /api/notes with head and body in one send, as a phone's small fetch goes
    (http.client sends them apart, and a loaded server may read the head alone)."""
    body = json.dumps({"client_note_id": cid, "text": text}).encode()
    head = (f"POST /api/notes HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head + body)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    status = int(reply[9:12])
    return status, json.loads(reply.partition(b"\r\n\r\n")[2])
