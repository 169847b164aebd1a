"""An old Excel file (.xls: an OLE2 compound file, not a zip) refused before calamine reads it: its size, and
the cells' positions in every sheet (calamine parses them all when it opens the file, each into a full
rectangle), checked by walking the OLE2 sectors and the BIFF records (check_xls); a crafted OLE2 structure is
refused with a reason, never a traceback."""

from __future__ import annotations

from spending.files.limits import MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_UNPACKED_BYTES, too_big
from spending.files.problems import ImportRejected, file_problem
from spending.i18n import Message

MAX_XLS_BYTES = MAX_UNPACKED_BYTES      # an XLS is not packed: the file itself is bounded as an XLSX's entries
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # the first bytes of an OLE2 compound file (.xls, .doc)

_END_OF_CHAIN = 0xFFFFFFFE
_FREE_SECTOR = 0xFFFFFFFF
# BIFF records holding a cell at (row, column) in their first 4 bytes: FORMULA, LABELSST, NUMBER, LABEL,
# BOOLERR, RK, RSTRING; MULRK also holds its last column in its last 2 bytes. BLANK and MULBLANK (formatting
# only) are left out, as calamine leaves them out of the sheet's rectangle.
_CELL_RECORDS = frozenset((0x0006, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6))
_MULRK = 0x00BD
_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085


def not_xls(name: str, key: str, **values) -> ImportRejected:
    """Why the file is no .xls: a key of i18n.MESSAGES and its values (xls_as_read: calamine's words)."""
    return file_problem(name, "xls_invalid", why=Message(key, **values))


def check_xls(name: str, data: bytes) -> None:
    """Refuse, before calamine reads it, an .xls larger than MAX_XLS_BYTES, one whose OLE2 structure is
    broken (sectors outside the file, chains that loop, no Workbook stream) and one whose sheet holds cells
    beyond Excel's rows and columns or more than MAX_SHEET_CELLS in its rectangle: calamine parses every
    sheet when it opens the file, each into the rectangle from A1 to its last cell (a 6 KB file with two
    cells at A1 and IV65536 took 1 GB), so every sheet's cells are looked at here, by their positions."""
    if len(data) > MAX_XLS_BYTES:
        raise file_problem(name, "xls_too_big", limit=MAX_XLS_BYTES)
    stream = _ole_workbook(name, data)
    cells = 0                   # calamine holds every sheet's rectangle at once: their sum is bounded
    for number, (rows, columns) in enumerate(_biff_extents(name, stream), start=1):
        cells += rows * max(columns, 1)
        if rows > MAX_SHEET_ROWS or columns > MAX_SHEET_COLUMNS or cells > MAX_SHEET_CELLS:
            raise too_big(name, Message("xls_sheet_extent", number=number, rows=rows, columns=columns))


def _ole_workbook(name: str, data: bytes) -> bytes:
    """The Workbook (BIFF8) or Book (BIFF5) stream of an OLE2 compound file, read by following its
    sector chains; every sector number is checked against the file and every chain for loops."""
    import struct

    if len(data) < 512 or data[:8] != OLE2_MAGIC:
        raise not_xls(name, "xls_not_ole2")
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if shift not in (9, 12) or mini_shift != 6:
        raise not_xls(name, "xls_sector_sizes")
    size = 1 << shift
    fat_count, dir_start, _, mini_cutoff, minifat_start, minifat_count, difat_start, difat_count =         struct.unpack_from("<IIIIIIII", data, 44)
    sectors = (len(data) - size) // size if len(data) > size else 0
    per_sector = size // 4

    def sector(i: int) -> bytes:
        if i >= sectors:
            raise not_xls(name, "xls_sector_beyond", i=i)
        return data[(i + 1) * size:(i + 2) * size]

    def chain(start: int, table) -> list[int]:
        out: list[int] = []
        i = start
        while i != _END_OF_CHAIN:
            if i >= len(table) or len(out) > len(table):
                raise not_xls(name, "xls_chain_broken")
            out.append(i)
            i = table[i]
        return out

    if fat_count > sectors or difat_count > sectors:
        raise not_xls(name, "xls_allocation_size")
    fat_sectors = list(struct.unpack_from("<109I", data, 76))
    i = difat_start
    for _ in range(difat_count):
        block = struct.unpack(f"<{per_sector}I", sector(i))
        fat_sectors += block[:-1]
        i = block[-1]
    fat_sectors = fat_sectors[:fat_count]
    fat: list[int] = []
    for i in fat_sectors:
        fat += struct.unpack(f"<{per_sector}I", sector(i))
    directory = b"".join(sector(i) for i in chain(dir_start, fat))
    entries = []
    for at in range(0, len(directory) - 127, 128):
        length, kind = struct.unpack_from("<HB", directory, at + 64)
        entry_name = directory[at:at + min(length, 64)].decode("utf-16-le", "ignore").rstrip("\x00")
        start, stream_size = struct.unpack_from("<II", directory, at + 116)
        entries.append((entry_name, kind, start, stream_size))
    if not entries or entries[0][1] != 5:
        raise not_xls(name, "xls_no_root")
    streams = {n.lower(): (start, stream_size) for n, kind, start, stream_size in entries if kind == 2}
    found = streams.get("workbook") or streams.get("book")
    if found is None:
        raise not_xls(name, "xls_no_workbook")
    start, stream_size = found
    if stream_size > len(data):
        raise not_xls(name, "xls_stream_too_large")
    if stream_size >= mini_cutoff:
        stream = b"".join(sector(i) for i in chain(start, fat))
    else:                   # a small stream lives in the mini stream, 64-byte sectors listed by the mini FAT
        if minifat_count > sectors:
            raise not_xls(name, "xls_allocation_size")
        minifat: list[int] = []
        for i in chain(minifat_start, fat)[:minifat_count]:
            minifat += struct.unpack(f"<{per_sector}I", sector(i))
        mini = b"".join(sector(i) for i in chain(entries[0][2], fat))
        stream = b"".join(mini[i * 64:(i + 1) * 64] for i in chain(start, minifat))
    if len(stream) < stream_size:
        raise not_xls(name, "xls_stream_cut")
    return stream[:stream_size]


def _biff_extents(name: str, stream: bytes) -> list[tuple[int, int]]:
    """(rows, columns) from A1 to the last cell of each sheet listed in the workbook's globals. Each sheet
    is walked from where the globals say it starts, as calamine reads it; sheets that overlap (a crafted
    file, which would make the walks long) are refused once the walks have covered the stream twice."""
    import struct

    offsets, at, end = [], 0, len(stream)
    while at + 4 <= end:                       # the workbook globals: BOUNDSHEET records up to its EOF
        kind, length = struct.unpack_from("<HH", stream, at)
        if kind == _BOUNDSHEET and length >= 4:
            offsets.append(struct.unpack_from("<I", stream, at + 4)[0])
        at += 4 + length
        if kind == _EOF:
            break
    extents, budget = [], 2 * end + 4096
    padded = stream + bytes(8)                  # a record's header and first cell read at once, even at the end
    record = struct.Struct("<HHHH").unpack_from
    cells = _CELL_RECORDS
    for start in dict.fromkeys(offsets):
        at, last_row, last_column, depth = start, -1, -1, 0
        while at + 4 <= end:
            kind, length, row, column = record(padded, at)
            body = at + 4
            if kind in cells or kind == _MULRK:
                if length >= 4 and body + length <= end:
                    if kind == _MULRK and length >= 6:
                        column = struct.unpack_from("<H", stream, body + length - 2)[0]
                    if row > last_row:
                        last_row = row
                    if column > last_column:
                        last_column = column
            elif kind == _BOF:
                depth += 1
            elif kind == _EOF:
                depth -= 1
                if depth <= 0:
                    break
            at = body + length
        budget -= at - start                    # each walk reads at most the stream: the check after it is enough
        if budget < 0:
            raise not_xls(name, "xls_sheets_overlap")
        extents.append((last_row + 1, last_column + 1))
    return extents
