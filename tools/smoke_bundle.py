"""Smoke test of the built app, as a facilitator's laptop would run it: no Python, no
project folder, a fresh home. `uv run python tools/smoke_bundle.py` after build_app.py.

It unpacks the archive build_app.py made (or takes `--folder`) into a scratch folder
and runs the program there with an emptied environment (HOME a new scratch folder, PATH
an empty folder, nothing else; on Windows the few variables Windows itself needs):

1. `--version` prints the name and pyproject's version;
2. `new` creates a workshop from the built-in template (resources found in the bundle);
3. `serve` answers a phone's join and note over HTTP on 127.0.0.1;
4. `export` writes a .docx that holds that note;
5. the window starts (offscreen) on the demo workshop it creates in the scratch home,
   its phone server answers, and it keeps running for a few seconds, then closes
   cleanly on Ctrl+C (SIGINT; terminated on Windows).

Prints one line per step with its time; exits non-zero at the first failure. Standard
library only, so any Python runs it (the bundle itself needs none).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "bundle"))

import settings  # noqa: E402  (tools/bundle, put on the path just above)

NOTE = "Bibliotheken zijn samen sterker: één netwerk"  # non-ASCII on purpose
WINDOW_SECONDS = 5.0
STEPS = 5  # --version, new, serve, export, window


class SmokeFailed(Exception):
    pass


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What `env -i HOME=... PATH=...` leaves, with PATH an empty folder: no Python."""
    empty_bin = home / "bin"
    empty_bin.mkdir(exist_ok=True)
    env = {"HOME": str(home), "PATH": str(empty_bin), "LANG": "C.UTF-8"}
    if sys.platform == "win32":
        for name in ("SYSTEMROOT", "WINDIR", "COMSPEC", "SYSTEMDRIVE"):
            if name in os.environ:
                env[name] = os.environ[name]
        env.update(
            USERPROFILE=str(home),
            APPDATA=str(home / "AppData" / "Roaming"),
            LOCALAPPDATA=str(home / "AppData" / "Local"),
            TEMP=str(home),
            TMP=str(home),
        )
    else:
        env["TMPDIR"] = str(home)
    env.update(extra)
    return env


def executable(folder: Path) -> Path:
    if sys.platform == "win32":
        return folder / f"{settings.CLI_NAME}.exe"  # the console one: we read its output
    if sys.platform == "darwin":
        app = folder / f"{settings.NAME}.app" / "Contents" / "MacOS" / settings.NAME
        if app.exists():
            return app
    return folder / settings.NAME


def window_executable(folder: Path) -> Path:
    if sys.platform == "win32":
        return folder / f"{settings.NAME}.exe"
    return executable(folder)


def unpack(archive: Path, into: Path) -> Path:
    if archive.suffix == ".zip":
        if sys.platform == "darwin":  # ditto restores the .app's symlinks
            subprocess.run(["ditto", "-x", "-k", str(archive), str(into)], check=True)
            return into
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(into)
        return into / settings.NAME
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="tar")
    return into / settings.NAME


def newest_archive(dist: Path) -> Path:
    found = sorted(dist.glob(f"{settings.NAME}-*.tar.gz")) + sorted(
        dist.glob(f"{settings.NAME}-*.zip")
    )
    if not found:
        raise SmokeFailed(f"no archive in {dist}: run tools/build_app.py first")
    return max(found, key=lambda p: p.stat().st_mtime)


def run(command: list[str], env: dict[str, str], cwd: Path, timeout: float = 120) -> str:
    done = subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=timeout
    )
    if done.returncode != 0:
        raise SmokeFailed(f"{command[1:]} exited {done.returncode}:\n{done.stderr}")
    return done.stdout


def call(
    base: str, method: str, path: str, body: object = None, token: str | None = None
) -> tuple[int, dict[str, object]]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        response = conn.getresponse()
        raw = response.read()
    finally:
        conn.close()
    return response.status, (json.loads(raw) if raw else {})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(port: int, process: subprocess.Popen[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SmokeFailed(f"the window exited with {process.returncode} while starting")
        try:
            status, _ = call(f"http://127.0.0.1:{port}", "GET", "/api/event")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SmokeFailed(f"the window's phone server did not answer within {timeout:.0f} s")


_passed: list[str] = []


def step(name: str, started: float) -> None:
    _passed.append(name)
    print(f"ok  {name:<52} {time.monotonic() - started:6.2f} s", flush=True)


def smoke(folder: Path, scratch: Path) -> None:
    home = scratch / "home"
    home.mkdir()
    work = scratch / "work"
    work.mkdir()
    env = clean_env(home)
    exe = str(executable(folder))

    started = time.monotonic()
    out = run([exe, "--version"], env, work).strip()
    expected = f"{settings.NAME} {settings.version()}"
    if out != expected:
        raise SmokeFailed(f"--version said {out!r}, expected {expected!r}")
    step(f"--version: {out}", started)

    started = time.monotonic()
    run([exe, "new", "dag.workshop", "--template", "organisatienetwerk"], env, work)
    if not (work / "dag.workshop").is_file():
        raise SmokeFailed("new made no dag.workshop")
    step("new dag.workshop --template organisatienetwerk", started)

    started = time.monotonic()
    serve = subprocess.Popen(
        [
            exe,
            "serve",
            "dag.workshop",
            "--port",
            "0",
            "--host",
            "127.0.0.1",
            "--address",
            "127.0.0.1",
            "--round",
            "1",
            "--phase",
            "collect",
        ],
        env=env,
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert serve.stdout is not None
        url = serve.stdout.readline().strip()
        if "/j/" not in url:
            raise SmokeFailed(f"serve printed {url!r}, not a join URL")
        base, code = url.rsplit("/j/", 1)
        status, joined = call(base, "POST", "/api/join", {"code": code})
        if status != 201:
            raise SmokeFailed(f"join answered {status}: {joined}")
        status, note = call(
            base,
            "POST",
            "/api/notes",
            {"client_note_id": "smoke-0001", "text": NOTE},
            token=str(joined["token"]),
        )
        if status != 201:
            raise SmokeFailed(f"note answered {status}: {note}")
    finally:
        if sys.platform == "win32":
            serve.terminate()
        else:
            serve.send_signal(signal.SIGTERM)
        _, errors = serve.communicate(timeout=30)
    if sys.platform != "win32" and serve.returncode != 0:
        raise SmokeFailed(f"serve exited {serve.returncode}:\n{errors}")
    step("serve: join + note over HTTP on 127.0.0.1", started)

    started = time.monotonic()
    run([exe, "export", "dag.workshop", "-o", "verslag.docx"], env, work)
    with zipfile.ZipFile(work / "verslag.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    if NOTE not in document:
        raise SmokeFailed("the report does not hold the note sent to serve")
    step("export -o verslag.docx (holds the note)", started)

    started = time.monotonic()
    port = free_port()
    window_env = clean_env(home, QT_QPA_PLATFORM="offscreen")
    window = subprocess.Popen(
        [str(window_executable(folder)), "--port", str(port)],
        env=window_env,
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        wait_for_http(port, window, timeout=120)
        ready = time.monotonic() - started
        time.sleep(WINDOW_SECONDS)
        if window.poll() is not None:
            raise SmokeFailed(f"the window exited with {window.returncode} after starting")
    finally:
        if window.poll() is None:
            if sys.platform == "win32":
                window.terminate()
            else:
                window.send_signal(signal.SIGINT)  # closes the window the normal way
        _, errors = window.communicate(timeout=60)
    if sys.platform != "win32" and window.returncode != 0:
        raise SmokeFailed(f"the window exited {window.returncode} on Ctrl+C:\n{errors}")
    if "Traceback" in errors:
        raise SmokeFailed(f"the window printed a traceback:\n{errors}")
    demo = list(home.rglob("demo.workshop"))
    if not demo:
        raise SmokeFailed("the window made no demo workshop in the scratch home")
    print(
        f"ok  window (offscreen): phone server up after {ready:.2f} s, ran"
        f" {WINDOW_SECONDS:.0f} s, closed cleanly; demo at ~/"
        f"{demo[0].relative_to(home).as_posix()}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, help="default: the newest in dist/")
    parser.add_argument("--folder", type=Path, help="run this folder instead of unpacking")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="facilitator-smoke-"))
    try:
        if args.folder:
            folder = args.folder.resolve()
        else:
            archive = args.archive or newest_archive(ROOT / "dist")
            started = time.monotonic()
            folder = unpack(archive, scratch / "app")
            step(f"unpacked {archive.name}", started)
        smoke(folder, scratch)
    except (SmokeFailed, subprocess.TimeoutExpired) as exc:
        print(f"FAIL {exc}", file=sys.stderr)
        done = len([n for n in _passed if not n.startswith("unpacked")])
        print(f"bundle-smoke: {done} passed, 1 failed")
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"bundle-smoke: {STEPS} passed, 0 failed")  # the plain closing line CI reads
    return 0


if __name__ == "__main__":
    sys.exit(main())
