"""Reading rows straight from a damaged file's pages, where SQL no longer reaches them.

When a table's root or interior page is overwritten, SQL cannot find any of its rows,
though most leaf pages (which hold the rows) are intact. And SQLite stops reading a WAL
at the first frame whose checksum fails, though the frames after it hold whole pages of
later commits. This module reads table leaf pages (the main file's, and every WAL frame's
in order, later ones winning) and picks out the cells whose record has the shape of a
note or a participant, as SQLite's own `.recover` does for every table.
A cell whose payload spills onto overflow pages is skipped (a note is at most 280
characters, far below a page).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

# The columns in table order, as schema.py creates them (migration 5 -> 6 appends `late`:
# rows written before it keep 15 values, SQLite fills the default on reading).
NOTE_COLUMNS = (
    "id",
    "group_id",
    "round_id",
    "participant_id",
    "client_note_id",
    "text",
    "created_at",
    "updated_at",
    "is_paper",
    "hidden",
    "cluster_id",
    "x",
    "y",
    "merged_into",
    "deleted",
    "late",
)
PARTICIPANT_COLUMNS = (
    "id",
    "group_id",
    "token",
    "name",
    "organisation",
    "joined_at",
    "client_join_id",
)
_TABLE_LEAF = 0x0D
_WAL_HEADER = 32
_FRAME_HEADER = 24

Found = dict[str, dict[int, tuple[object, ...]]]


def scan(main: bytes, wal: bytes | None) -> Found:
    """Note and participant rows found on leaf pages, by table and rowid."""
    found: Found = {"notes": {}, "participants": {}}
    page_size = _page_size(main, wal)
    if not page_size:
        return found
    for number in range(len(main) // page_size):
        _scan_page(main[number * page_size : (number + 1) * page_size], number == 0, found)
    if wal and len(wal) > _WAL_HEADER:
        step = _FRAME_HEADER + page_size
        for at in range(_WAL_HEADER, len(wal) - step + 1, step):
            page_no = struct.unpack_from(">I", wal, at)[0]
            page = wal[at + _FRAME_HEADER : at + step]
            _scan_page(page, page_no == 1, found)
    return found


def _page_size(main: bytes, wal: bytes | None) -> int:
    if wal and len(wal) >= _WAL_HEADER:
        size = struct.unpack_from(">I", wal, 8)[0]
        if size in {512 << i for i in range(8)}:
            return int(size)
    if len(main) >= 18:
        size = struct.unpack_from(">H", main, 16)[0]
        size = 65536 if size == 1 else size
        if size in {512 << i for i in range(8)}:
            return int(size)
    return 4096  # the default; a zeroed header leaves this as the best guess


def _scan_page(page: bytes, first: bool, found: Found) -> None:
    at = 100 if first else 0
    if len(page) < at + 8 or page[at] != _TABLE_LEAF:
        return
    cells = struct.unpack_from(">H", page, at + 3)[0]
    for i in range(min(cells, (len(page) - at - 8) // 2)):
        pointer = struct.unpack_from(">H", page, at + 8 + 2 * i)[0]
        try:
            rowid, values = _cell(page, pointer)
        except (IndexError, ValueError, struct.error, UnicodeDecodeError):
            continue
        table = _shape(values)
        if table:
            found[table][rowid] = values


def _cell(page: bytes, at: int) -> tuple[int, tuple[object, ...]]:
    length, at = _varint(page, at)
    rowid, at = _varint(page, at)
    if length > len(page) - 35 or at + length > len(page):
        raise ValueError("overflow or beyond the page")
    return rowid, tuple(_record(page[at : at + length]))


def _record(payload: bytes) -> Iterator[object]:
    header_len, at = _varint(payload, 0)
    types: list[int] = []
    while at < header_len:
        kind, at = _varint(payload, at)
        types.append(kind)
    body = header_len
    for kind in types:
        value, size = _value(payload, body, kind)
        body += size
        if body > len(payload):
            raise ValueError("record beyond its payload")
        yield value


_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _value(data: bytes, at: int, kind: int) -> tuple[object, int]:
    if kind == 0:
        return None, 0
    if kind in _INT_SIZES:
        size = _INT_SIZES[kind]
        return int.from_bytes(data[at : at + size], "big", signed=True), size
    if kind == 7:
        return struct.unpack_from(">d", data, at)[0], 8
    if kind in (8, 9):
        return kind - 8, 0
    if kind >= 13 and kind % 2:
        size = (kind - 13) // 2
        return data[at : at + size].decode("utf-8"), size
    if kind >= 12:
        size = (kind - 12) // 2
        return bytes(data[at : at + size]), size
    raise ValueError("reserved serial type")


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, at + i + 1
    raise ValueError("varint")  # not reached


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _shape(values: tuple[object, ...]) -> str:
    """ "notes" or "participants" when the record looks like one, else ""."""
    if len(values) in (len(NOTE_COLUMNS) - 1, len(NOTE_COLUMNS)) and values[0] is None:
        _, group, round_, _participant, cid, text, created, updated = values[:8]
        if (
            isinstance(group, int)
            and isinstance(round_, int)
            and isinstance(text, str)
            and (cid is None or isinstance(cid, str))
            and _number(created)
            and _number(updated)
            and values[14] in (0, 1)
        ):
            return "notes"
    if (
        len(values) in (len(PARTICIPANT_COLUMNS) - 1, len(PARTICIPANT_COLUMNS))
        and values[0] is None
    ):
        group, token, name, organisation, joined = values[1:6]
        if (
            isinstance(group, int)
            and isinstance(token, str)
            and len(token) >= 20
            and isinstance(name, str)
            and isinstance(organisation, str)
            and _number(joined)
        ):
            return "participants"
    return ""


def wal_cut_short(wal: bytes) -> bool:
    """True when frames of the WAL's current generation follow one whose checksum fails.

    SQLite reads a WAL up to the first bad frame and treats the rest as never written;
    then, on closing, it checkpoints and deletes the WAL, and the later commits are gone
    for good. Noticed before anything opens the file for writing, the file is treated
    as damaged and recovered (the page reader takes every frame).
    """
    if len(wal) < _WAL_HEADER:
        return False
    magic, _version, page_size, _seq, salt1, salt2 = struct.unpack_from(">IIIIII", wal, 0)
    if magic not in (0x377F0682, 0x377F0683):
        return False
    order = ">" if magic & 1 else "<"
    s0, s1 = _wal_checksum(wal[:24], 0, 0, order)
    if (s0, s1) != struct.unpack_from(">II", wal, 24):
        return False  # a bad header: SQLite ignores the whole WAL; nothing to compare
    step = _FRAME_HEADER + page_size
    valid = True
    for at in range(_WAL_HEADER, len(wal) - step + 1, step):
        header = wal[at : at + _FRAME_HEADER]
        frame_salts = struct.unpack_from(">II", header, 8)
        if frame_salts != (salt1, salt2):
            return False  # the end of this generation; older frames follow
        if not valid:
            return True  # a frame of this generation after a broken one
        s0, s1 = _wal_checksum(header[:8], s0, s1, order)
        s0, s1 = _wal_checksum(wal[at + _FRAME_HEADER : at + step], s0, s1, order)
        if (s0, s1) != struct.unpack_from(">II", header, 16):
            valid = False
    return False


def _wal_checksum(data: bytes, s0: int, s1: int, order: str) -> tuple[int, int]:
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1
