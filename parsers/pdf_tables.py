"""Ruled tables of a PDF text layer: where they are (pdfplumber) and what their cells say (pdfium).

pdfplumber's table finder is slow, so it runs only on pages whose drawing
shows ruling lines (`has_rulings`, a count of pdfium path objects). The cell
text is taken from pdfium's characters, the same text as the rest of the
page, so a table and the paragraphs around it read alike. Merged cells are
repeated: a cell spanning columns is copied into each column it covers, a
cell spanning rows into each row it covers.

Coordinates are PDF points with the origin at the top left of the page
(pdfplumber's convention); pdfium's bottom-left boxes are flipped by the
caller.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# A page needs at least this many path objects before the table finder runs
# (a Word table of 2 x 2 cells draws about 6 rules; a letterhead underline draws 1-2).
MIN_PATHS = 6
MIN_ROWS = 2
MIN_COLS = 2
EDGE_TOL = 1.5           # points of slack when deciding whether a cell spans a column/row
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines",
                  "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3}
# Line breaks and runs of spaces inside a cell: `Sở Công\nThương`
SPACES = re.compile(r"\s+")

Box = tuple[float, float, float, float]      # x0, top, x1, bottom


@dataclass(frozen=True)
class TableGrid:
    """One ruled table: its box and, per row, the box of each cell (None where merged)."""

    bbox: Box
    rows: tuple[tuple[Box | None, ...], ...]

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def has_rulings(page: pdfium.PdfPage) -> bool:
    """Cheap test: does the page draw enough paths to hold a ruled table?"""
    count = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        count += 1
        if count >= MIN_PATHS:
            return True
    return False


def find_tables(plumber_page) -> list[TableGrid]:
    """Ruled tables of a pdfplumber page, top to bottom."""
    grids = []
    for table in plumber_page.find_tables(table_settings=TABLE_SETTINGS):
        rows = tuple(tuple(tuple(c) if c is not None else None for c in row.cells)
                     for row in table.rows)
        if len(rows) < MIN_ROWS or max(len(r) for r in rows) < MIN_COLS:
            continue
        grids.append(TableGrid(tuple(table.bbox), rows))
    return sorted(grids, key=lambda g: g.bbox[1])


def cell_of(grid: TableGrid, x: float, y: float) -> tuple[int, int] | None:
    """(row, column) of the cell holding the point, or None."""
    x0, top, x1, bottom = grid.bbox
    if not (x0 <= x <= x1 and top <= y <= bottom):
        return None
    for r, row in enumerate(grid.rows):
        for c, box in enumerate(row):
            if box is not None and box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                return r, c
    return None


def fill_cells(grid: TableGrid, texts: dict[tuple[int, int], list[str]]) -> list[tuple[str, ...]]:
    """Cell texts per row from the text pieces found in each (row, column), merged cells repeated."""
    n_cols = grid.n_cols
    col_x = _column_edges(grid, n_cols)
    out: list[list[str]] = []
    for r, row in enumerate(grid.rows):
        cells: list[str] = []
        for c in range(n_cols):
            box = row[c] if c < len(row) else None
            if box is not None:
                cells.append(SPACES.sub(" ", " ".join(texts.get((r, c), []))).strip())
                continue
            cells.append(_merged_text(grid, out, cells, r, c, col_x))
        out.append(cells)
    return [tuple(cells) for cells in out]


def _column_edges(grid: TableGrid, n_cols: int) -> list[tuple[float, float] | None]:
    edges: list[tuple[float, float] | None] = [None] * n_cols
    for row in grid.rows:
        for c, box in enumerate(row):
            if box is None:
                continue
            span = (box[0], box[2])
            if edges[c] is None or span[1] - span[0] < edges[c][1] - edges[c][0]:
                edges[c] = span
    return edges


def _merged_text(grid: TableGrid, done: list[list[str]], cells: list[str], r: int, c: int,
                 col_x: list[tuple[float, float] | None]) -> str:
    """The text of the merged cell that covers (r, c): from the left, else from above."""
    row = grid.rows[r]
    for k in range(c - 1, -1, -1):
        box = row[k] if k < len(row) else None
        if box is not None:
            if col_x[c] is not None and box[2] > col_x[c][0] + EDGE_TOL:
                return cells[k]
            break
    row_top = next((b[1] for b in row if b is not None), None)
    for k in range(r - 1, -1, -1):
        box = grid.rows[k][c] if c < len(grid.rows[k]) else None
        if box is not None:
            if row_top is not None and box[3] > row_top + EDGE_TOL:
                return done[k][c]
            break
        if c < len(done[k]) and done[k][c]:
            # the row above was itself covered from above: the same merged cell goes on
            return done[k][c] if row_top is not None and _covered_above(grid, k, c, row_top) else ""
    return ""


def _covered_above(grid: TableGrid, r: int, c: int, top: float) -> bool:
    for k in range(r, -1, -1):
        box = grid.rows[k][c] if c < len(grid.rows[k]) else None
        if box is not None:
            return box[3] > top + EDGE_TOL
    return False
