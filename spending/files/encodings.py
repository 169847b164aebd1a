"""A CSV's bytes: its encoding (UTF-8 with or without BOM, or GB18030/GBK, never both in one file), NUL bytes
and lines in another encoding named with their line, the lines holding a control or bidi character
(ControlScan), its SHA-256 and its lines counted chunk by chunk (a large file is never held in memory whole)."""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

import numpy as np

from spending.files.limits import MAX_SUSPECT_LINES
from spending.files.problems import ImportRejected, file_problem

CHUNK = 1 << 24                 # bytes read at a time: a large file is never held in memory whole


def newlines(chunk: bytes) -> int:
    """How many b"\\n" chunk holds (numpy counts three times faster than bytes.count)."""
    return int(np.count_nonzero(np.frombuffer(chunk, np.uint8) == 10))


def hash_and_scan(path: Path) -> tuple[str, list[int] | None]:
    """The file's SHA-256 (hex) and the lines ControlScan finds: on the side (_HASHING) for a UTF-8 CSV
    DuckDB reads in place, while DuckDB reads it (hashlib and numpy let go of the interpreter)."""
    digest, scan = hashlib.sha256(), ControlScan()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            scan.feed(chunk)
    return digest.hexdigest(), scan.lines


class ControlScan:
    """The lines of a UTF-8 stream, fed chunk by chunk, that hold a control or bidi character (CONTROL): the
    lines the staging query checks cell by cell (lines is None beyond MAX_SUSPECT_LINES: check every line).
    Fast where there is none, so that a good file is not slowed down (benchmarks/hostile.py): C0 controls
    are looked for with numpy among the bytes below 0x20 (line ends and tabs, mostly), the two- and three-byte ones (C1, bidi)
    looked for after their lead bytes only; the pattern that finds their lines runs on a chunk that has one.
    The last two bytes of a chunk are searched again with the next, so a character split between chunks is
    found."""

    _ANY = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")

    def __init__(self) -> None:
        self.lines: list[int] | None = []
        self._tail = b""
        self._newlines = 0    # in everything fed before the tail

    def feed(self, chunk: bytes) -> None:
        text = self._tail + chunk
        if self.lines is not None and self.holds_control(text):
            line, counted = self._newlines + 1, 0
            for match in self._ANY.finditer(text):
                line += text.count(b"\n", counted, match.start())
                counted = match.start()
                if not self.lines or self.lines[-1] != line:
                    self.lines.append(line)
                    if len(self.lines) > MAX_SUSPECT_LINES:
                        self.lines = None
                        break
        self._tail = text[-2:]
        self._newlines += text.count(b"\n", 0, len(text) - len(self._tail))

    @staticmethod
    def holds_control(text: bytes) -> bool:
        import numpy as np

        a = np.frombuffer(text, np.uint8)
        low = a[a < 0x20]   # line ends and tabs, mostly
        if np.any((low != 0x0A) & (low != 0x09) & (low != 0x0D)) or b"\x7f" in text:
            return True
        if b"\xc2" in text:   # C1: U+0080-U+009F
            after = np.flatnonzero(a[:-1] == 0xC2) + 1
            if np.any(a[after] < 0xA0):
                return True
        if b"\xe2" in text:   # bidi: U+202A-U+202E, U+2066-U+2069
            lead = np.flatnonzero(a[:-2] == 0xE2)
            second, third = a[lead + 1], a[lead + 2]
            return bool(np.any(((second == 0x80) & (third >= 0xAA) & (third <= 0xAE))
                               | ((second == 0x81) & (third >= 0xA6) & (third <= 0xA9))))
        return False


def rest_has_content(source) -> bool:
    while chunk := source.read(CHUNK):
        if chunk.strip():
            return True
    return False


def csv_encoding(name: str, head: bytes) -> str:
    """utf-8-sig, utf-8 or gb18030, told from the first chunk of a CSV."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise file_problem(name, "file_utf16")
    if b"\x00" in head:
        raise nul_byte(name, head.count(b"\n", 0, head.index(b"\x00")) + 1)
    utf8_error = None
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head)   # a character cut at the end is fine
        except UnicodeDecodeError as error:
            utf8_error = utf8_error or error
            continue
        if encoding == "utf-8":
            return "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
        return encoding
    MixedLines(name).feed(head + b"\n")   # UTF-8 lines and GBK lines: named
    raise unreadable(name)


def decode_whole(name: str, data: bytes) -> tuple[str, str]:
    """A whole CSV's text and encoding: UTF-8, else GB18030 — but not both in one file."""
    if b"\x00" in data:
        raise nul_byte(name, data.count(b"\n", 0, data.index(b"\x00")) + 1)
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError:
        pass
    MixedLines(name).feed(data + b"\n")
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise unreadable(name) from None


class MixedLines:
    """Fed a CSV chunk by chunk: refuses it at the first line whose non-ASCII text is in another
    encoding (UTF-8 or not) than the first non-ASCII line's, naming both lines."""

    def __init__(self, name: str):
        self.name = name
        self.line = 0
        self.rest = b""
        self.first: tuple[int, bool] | None = None     # (line, is UTF-8) of the first non-ASCII line

    def feed(self, chunk: bytes) -> None:
        data = self.rest + chunk
        end = data.rfind(b"\n")
        if end < 0:
            self.rest = data
            return
        self.rest = data[end + 1:]
        for raw in data[:end].split(b"\n"):
            self.line += 1
            if raw.isascii():
                continue
            try:
                raw.decode("utf-8")
                utf8 = True
            except UnicodeDecodeError:
                utf8 = False
            if self.first is None:
                self.first = (self.line, utf8)
            elif utf8 != self.first[1]:
                this, that = ("UTF-8", "GBK") if utf8 else ("GBK", "UTF-8")
                raise file_problem(
                    self.name, "file_mixed_encodings", line=self.line,
                    value=raw[:80].decode("utf-8" if utf8 else "gb18030", errors="replace"),
                    this_line=self.line, this=this, first_line=self.first[0], that=that)


def nul_byte(name: str, line: int) -> ImportRejected:
    return file_problem(name, "file_nul_byte", line=line, at=line)


def bad_byte(name: str, encoding: str, line: int) -> ImportRejected:
    return file_problem(name, "file_bad_byte", line=line, at=line, encoding=encoding)


def unreadable(name: str) -> ImportRejected:
    return file_problem(name, "file_unreadable_content")
