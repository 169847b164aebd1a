"""Writes the old-Excel (.xls) files of tests/test_xls.py into this folder (issue 33).

The project has no .xls writer (python-calamine reads .xls; nothing in the locks writes it), so these
small files were made once and are committed. How they were made, to make them again:

    pip download xlwt==1.3.0 --no-deps -d /tmp/xlwt && unzip /tmp/xlwt/xlwt-*.whl -d /tmp/xlwt/lib
    PYTHONPATH=/tmp/xlwt/lib .venv/bin/python tests/xls_files/make_xls.py

xlwt (pure Python, Excel 97-2003 BIFF8) writes the workbooks; the rest is done here on their bytes:
the same workbook in an OLE2 file whose Workbook stream sits in the mini stream (xlwt pads its stream to
4,096 bytes, where the big sectors start; other writers do not), and the broken or hostile ones.
"""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

import xlwt

HERE = Path(__file__).resolve().parent
QS1Q = "106-0401-YBN-QS1Q"  # 国库电子化和一体化建设 30 万元, 预算国库科 (the demo's 2021 plan)
DAES = "106-0401-YBN-DAES"  # 预决算编审 21 万元
DATE = xlwt.easyxf(num_format_str="YYYY-MM-DD")
DATE_TIME = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM:SS")


def book(sheets: list[tuple[str, list[list]]]) -> bytes:
    wb = xlwt.Workbook(encoding="utf-8")
    for title, rows in sheets:
        ws = wb.add_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.datetime):
                    ws.write(r, c, value, DATE_TIME)
                elif isinstance(value, dt.date):
                    ws.write(r, c, value, DATE)
                elif isinstance(value, tuple):          # (row, column, value): a cell far away
                    ws.write(*value)
                else:
                    ws.write(r, c, value)
    path = HERE / ".scratch.xls"
    wb.save(str(path))
    data = path.read_bytes()
    path.unlink()
    return data


# ------------------------------------------------------------------ OLE2 on the bytes xlwt wrote

def ole_header(data: bytes) -> dict:
    fields = struct.unpack_from("<IIIIIIII", data, 44)
    return dict(zip(("fat_count", "dir_start", "_", "cutoff", "minifat_start", "minifat_count", "difat_start",
                     "difat_count"), fields))


def sector_at(i: int) -> int:
    return (i + 1) * 512


def workbook_stream(data: bytes) -> tuple[int, int, bytes]:
    """(its directory entry's offset, first sector, the stream) of xlwt's Workbook (always in big sectors)."""
    h = ole_header(data)
    fat = []
    for i in struct.unpack_from("<109I", data, 76)[:h["fat_count"]]:
        fat += struct.unpack_from("<128I", data, sector_at(i))
    entry = data.index("Workbook".encode("utf-16-le"), sector_at(h["dir_start"]))
    start, size = struct.unpack_from("<II", data, entry + 116)
    chunks, i = [], start
    while i != 0xFFFFFFFE:
        chunks.append(data[sector_at(i):sector_at(i) + 512])
        i = fat[i]
    return entry, start, b"".join(chunks)[:size]


def biff_length(stream: bytes) -> int:
    """The stream without xlwt's padding: up to the end of its last record."""
    at = last = 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        at += 4 + length
        if kind == 0x000A:
            last = at
        if kind == 0 and length == 0:
            break
    return last


def mini_stream_file(stream: bytes) -> bytes:
    """A version 3 OLE2 file (512-byte sectors) with one stream, Workbook, shorter than 4,096 bytes and
    so kept in the root's mini stream (64-byte sectors listed by the mini FAT)."""
    assert len(stream) < 4096
    mini_sectors = -(-len(stream) // 64)
    mini = stream.ljust(mini_sectors * 64, b"\0")
    mini_big = -(-len(mini) // 512)
    # sectors: 0 FAT, 1 directory, 2 mini FAT, 3.. the mini stream
    fat = [0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE] + [3 + k + 1 for k in range(mini_big - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    minifat = [k + 1 for k in range(mini_sectors - 1)] + [0xFFFFFFFE]
    minifat += [0xFFFFFFFF] * (128 - len(minifat))

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child) + b"\0" * 36
                + struct.pack("<IIII", start, size, 0, 0)[:12])

    directory = (entry("Root Entry", 5, 3, len(mini), child=1) + entry("Workbook", 2, 0, len(stream))
                 + b"".join(entry("", 0, 0, 0) for _ in range(2)))
    directory = b"".join(e.ljust(128, b"\0") for e in (directory[k:k + 128] for k in range(0, 512, 128)))
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 10 + struct.pack("<IIIIIIII", 1, 1, 0, 4096, 2, 1, 0xFFFFFFFE, 0)
              + struct.pack("<109I", 0, *[0xFFFFFFFF] * 108))
    assert len(header) == 512
    return (header + struct.pack("<128I", *fat) + directory + struct.pack("<128I", *minifat)
            + mini.ljust(mini_big * 512, b"\0"))


def main() -> None:
    payments = [
        ["某区财政局 国库支付明细（2021年）", None, None, None, None, None],
        ["凭证号", "项目编码", "支付日期", "金额(元)", "收款单位", "摘要"],
        ["XLS-001", QS1Q, dt.date(2021, 3, 15), 12345.67, "某某信息公司", "一体化建设首付款"],
        ["XLS-002", QS1Q, dt.datetime(2021, 6, 30, 15, 20, 5), 20000, "某某信息公司", "日期单元格带时间"],
        ["XLS-003", DAES, "2021-7-5", "1,000.50", "某某会计师事务所", "文字日期与千分位"],
    ]
    files = {
        "payments.xls": book([("支付明细", payments)]),
        # a plan: one project planned, one without a checkpoint (SPEC §5 no_plan)
        "plan_no_checkpoint.xls": book([("预算项目支出计划", [
            ["年度", "项目编码", "项目名称", "科室", "年初预算数(万元)"] + [f"{m}月底" for m in range(1, 13)],
            [2021, "XLS-P1", "有计划的项目", "预算国库科", 10, *[None] * 5, 50, *[None] * 5, 100],
            [2021, "XLS-N1", "尚未编制计划的项目", "预算国库科", 8, *[None] * 12],
        ])]),
        # A1 and IV65536: a few KB that calamine would open as a 16,777,216-cell rectangle
        "bomb_two_cells.xls": book([("支付明细", [payments[1], [(65535, 255, "far away")]])]),
        # the first sheet is small, the second one the bomb (calamine opens every sheet)
        "bomb_second_sheet.xls": book([("支付明细", payments[1:]), ("说明", [["x"], [(65535, 255, 1)]])]),
    }
    good = files["payments.xls"]
    entry, start, stream = workbook_stream(good)
    files["payments_mini_stream.xls"] = mini_stream_file(stream[:biff_length(stream)])
    h = ole_header(good)
    # the Workbook's first sector points to itself in the FAT: a chain that loops
    loop = bytearray(good)
    fat_sector = struct.unpack_from("<I", good, 76)[0]
    struct.pack_into("<I", loop, sector_at(fat_sector) + 4 * start, start)
    files["crafted_chain_loops.xls"] = bytes(loop)
    # the directory entry renamed: an OLE2 file without a Workbook stream (like a Word .doc)
    renamed = bytearray(good)
    renamed[entry:entry + 16] = "Document".encode("utf-16-le")
    files["crafted_no_workbook.xls"] = bytes(renamed)
    # cut in the middle: the directory's sector (xlwt writes it last) lies beyond the end of the file
    assert h["dir_start"] > (len(good) // 2) // 512
    files["crafted_truncated.xls"] = good[:len(good) // 2]
    # the OLE2 signature followed by noise
    files["crafted_noise.xls"] = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(range(256)) * 4
    # a text file named .xls
    files["text_named_xls.xls"] = "凭证号,项目编码\nX-1,106\n".encode()
    for name, data in files.items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
