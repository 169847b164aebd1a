"""Reading import files, no database: bytes -> the header and the rows, or a problem naming the file.

    reading      read_file and read_header: a CSV or the first sheet of an XLSX or XLS -> RawTable
    header       which row is the header (below report titles)
    encodings    a CSV's bytes: UTF-8 or GBK, NUL bytes, mixed encodings, control characters (ControlScan)
    excel        an XLSX's or XLS's first sheet through calamine, each cell as CSV text (cell_text)
    xlsx_guard   an XLSX refused before it is read when it would take too much memory (zip bombs, long cells)
    xls_guard    an XLS refused before it is read: its OLE2 sectors and BIFF records walked (check_xls)
    limits       what a file may hold: rows, columns, cells, unpacked bytes, characters in a cell
    problems     Problem and ImportRejected: the reasons a file is refused, in Chinese and English

Beside the package: spending.characters (visible, neutralise, normalise_code, normalise_header) and
spending.processes (temp_dir, clear_stale_temp, alive). The database side (spending.db) never imports this
package (tests/test_import_graph.py).
"""
