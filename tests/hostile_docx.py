"""Word files that lie or overflow (issue 32), made from the source document's .docx (document_layouts), and
workbooks that lie the same way:

* lying_docx: word/document.xml declared, in both the local and the central header, as 1,000 bytes while
  its deflated bytes (1.8 MB) unpack to 1.9 GB;
* with_body: the source .docx with XML put at the start of its body (1,300,000 empty paragraphs: 8 MB
  unpacked, some 60 KB packed).

The huge deflated part is written without ever being in memory: one 16 MB run of spaces deflated and
sync-flushed (byte-aligned blocks that refer to nothing before them) repeated, then a last block."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from functools import lru_cache

import document_layouts as layouts

RUN = 1 << 24


@lru_cache(maxsize=1)
def source_entries() -> tuple[tuple[str, bytes], ...]:
    good = zipfile.ZipFile(io.BytesIO(layouts.docx_bytes(layouts.SOURCE.read_text(encoding="utf-8"))))
    return tuple((i.filename, good.read(i)) for i in good.infolist())


def deflated_spaces(size: int) -> bytes:
    """Raw deflate of `size` spaces (1.9 GB: 1.8 MB, made in a tenth of a second)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    run = packer.compress(b" " * RUN) + packer.flush(zlib.Z_SYNC_FLUSH)
    runs, rest = divmod(size, RUN)
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    return run * runs + last.compress(b" " * rest) + last.flush()


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written by hand: (name, deflated bytes, CRC-32, the unpacked size both headers declare)."""
    out, central = bytearray(), bytearray()
    for name, packed, crc, declared in members:
        raw, at = name.encode(), len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(packed), declared,
                           len(raw), 0) + raw + packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(packed), declared,
                               len(raw), 0, 0, 0, 0, 0, at) + raw
    n = len(members)
    return bytes(out + central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), len(out), 0))


def lying(entries, part: str, size: int = 1_900_000_000, declared: int = 1_000) -> bytes:
    """The zip of entries (name, bytes) with `part` made `size` spaces declared as `declared` bytes."""
    members = []
    for name, data in entries:
        if name == part:
            members.append((name, deflated_spaces(size), 0, declared))
        else:
            members.append((name, deflate(data), zlib.crc32(data), len(data)))
    return raw_zip(members)


def lying_docx(size: int = 1_900_000_000, declared: int = 1_000) -> bytes:
    return lying(source_entries(), "word/document.xml", size, declared)


def lying_xlsx(good: bytes, part: str) -> bytes:
    """A workbook (good's parts) whose `part` is 1.9 GB declared as 1,000 bytes."""
    book = zipfile.ZipFile(io.BytesIO(good))
    return lying([(i.filename, book.read(i)) for i in book.infolist()], part)


def with_body(xml: bytes) -> bytes:
    """The source .docx with xml put at the start of its body (an honest zip)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in source_entries():
            if name == "word/document.xml":
                at = data.index(b"<w:body>") + len(b"<w:body>")
                data = data[:at] + xml + data[at:]
            archive.writestr(name, data)
    return out.getvalue()


def empty_paragraphs(n: int = 1_300_000) -> bytes:
    return with_body(b"<w:p/>" * n)
