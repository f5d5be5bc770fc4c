"""Ruled tables of a PDF text layer: where they are and what their cells say (pdfium).

The ruling lines are read from pdfium's path objects (`page_edges`) and
handed to pdfplumber's table geometry (snap, join, intersections, cells,
tables: the "lines" strategy of its `TableFinder`), so pdfminer never has to
interpret the page; this runs only on pages that draw enough paths to hold a
table (`has_rulings`). The edges are those pdfplumber would take from the
same drawing: a line per `m l` subpath, otherwise one edge per pair of
consecutive points (Bézier control points left out), forms followed. The
cell text is taken from pdfium's characters, the same text as the rest of
the page, so a table and the paragraphs around it read alike. Merged cells
are repeated: a cell spanning columns is copied into each column it covers,
a cell spanning rows into each row it covers.

Coordinates are PDF points with the origin at the top left of the page
(pdfplumber's convention); pdfium's bottom-left points are flipped with the
page height.
"""
from __future__ import annotations

import ctypes
import re
from bisect import bisect_left
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import (Table, TableSettings, cells_to_tables, edges_to_intersections,
                              intersections_to_cells, merge_edges)
from pdfplumber.utils import filter_edges

# A page needs at least this many path objects before the table finder runs
# (a Word table of 2 x 2 cells draws about 6 rules; a letterhead underline draws 1-2).
MIN_PATHS = 6
RULINGS_DEPTH = 2        # path objects counted on the page and in the forms it draws
EDGES_DEPTH = 15         # forms followed for the edges (pdfminer follows all)
MIN_ROWS = 2
MIN_COLS = 2
MIN_CUT_COLS = 3         # a one-row grid at a page's top is a cut row when it has this many columns
TOP_SHARE = 0.15         # the top of a page, where a table goes on from the page before
# An ink at least this light in every channel (of 255) draws nothing on a white page
WHITE = 250
EDGE_TOL = 1.5           # points of slack when deciding whether a cell spans a column/row
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines",
                  "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3}
SETTINGS = TableSettings.resolve(TABLE_SETTINGS)
# Line breaks and runs of spaces inside a cell: `Sở Công\nThương`
SPACES = re.compile(r"\s+")

Box = tuple[float, float, float, float]      # x0, top, x1, bottom
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


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
    for _ in _paths(page, RULINGS_DEPTH):
        count += 1
        if count >= MIN_PATHS:
            return True
    return False


def find_tables(page: pdfium.PdfPage, height: float) -> list[TableGrid]:
    """Ruled tables of a page (of the given height), top to bottom."""
    found = page_edges(page, height)
    edges = filter_edges(found, "v", min_length=SETTINGS.edge_min_length_prefilter) \
        + filter_edges(found, "h", min_length=SETTINGS.edge_min_length_prefilter)
    edges = merge_edges(edges, snap_x_tolerance=SETTINGS.snap_x_tolerance,
                        snap_y_tolerance=SETTINGS.snap_y_tolerance,
                        join_x_tolerance=SETTINGS.join_x_tolerance,
                        join_y_tolerance=SETTINGS.join_y_tolerance)
    edges = filter_edges(edges, min_length=SETTINGS.edge_min_length)
    points = edges_to_intersections(edges, SETTINGS.intersection_x_tolerance,
                                    SETTINGS.intersection_y_tolerance)
    grids = []
    for group in cells_to_tables(intersections_to_cells(points)):
        table = Table(None, group)
        rows = tuple(tuple(tuple(c) if c is not None else None for c in row.cells)
                     for row in table.rows)
        cols = max(len(r) for r in rows)
        if cols < MIN_COLS or (len(rows) < MIN_ROWS and not _cut_off(table.bbox, cols, height)):
            continue
        grids.append(TableGrid(tuple(table.bbox), rows))
    return sorted(grids, key=lambda g: g.bbox[1])


def _cut_off(bbox, cols: int, height: float) -> bool:
    """A one-row grid of several columns at the very top of a page: the end of a row that a
    page break cut, its table begun on the page before."""
    return cols >= MIN_CUT_COLS and bbox[1] < TOP_SHARE * height


def _paths(page: pdfium.PdfPage, max_depth: int):
    """(path object, matrix of the forms around it) on the page, forms followed to max_depth."""
    def walk(form, outer: Matrix, level: int):
        if form is None:
            n = pdfium_c.FPDFPage_CountObjects(page.raw)
        else:
            n = pdfium_c.FPDFFormObj_CountObjects(form)
        for i in range(max(n, 0)):
            obj = (pdfium_c.FPDFPage_GetObject(page.raw, i) if form is None
                   else pdfium_c.FPDFFormObj_GetObject(form, i))
            if not obj:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                if not _invisible(obj):
                    yield obj, outer
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < max_depth - 1:
                yield from walk(obj, _compose(_matrix(obj), outer), level + 1)
    yield from walk(None, IDENTITY, 0)


def _invisible(obj) -> bool:
    """A path painted only in white or fully transparent ink: the white boxes an e-signing
    tool lays behind each line of text draw no ruling on a white page."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return False
    painted = [get for get, on in ((pdfium_c.FPDFPageObj_GetFillColor, fill.value),
                                   (pdfium_c.FPDFPageObj_GetStrokeColor, stroke.value)) if on]
    if not painted:
        return True
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    for get in painted:
        if not get(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
            return False
        if a.value > 0 and min(r.value, g.value, b.value) < WHITE:
            return False
    return True


def _matrix(obj) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies `inner`, then `outer`."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def page_edges(page: pdfium.PdfPage, height: float) -> list[dict]:
    """The edges pdfplumber's `page.edges` would hold for the page's painted paths."""
    edges: list[dict] = []
    for obj, outer in _paths(page, EDGES_DEPTH):
        for ops, pts in _subpaths(obj, _compose(_matrix(obj), outer)):
            _add_edges(ops, [(x, height - y) for x, y in pts], edges)
    return edges


def _subpaths(obj, m: Matrix) -> list[tuple[str, list[tuple[float, float]]]]:
    """A painted path's subpaths as pdfminer shapes (`mlllh`) with their end points in page space."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) \
            and not fill.value and not stroke.value:
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = m
    out: list[tuple[list[str], list[tuple[float, float]]]] = []
    bezier = 0
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not seg or not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            out.append((["m"], [pt]))
            bezier = 0
        elif not out:
            return []              # a path that does not begin with a move: pdfminer paints nothing
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            out[-1][0].append("l")
            out[-1][1].append(pt)
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue           # a control point
            out[-1][0].append("c")
            out[-1][1].append(pt)
        else:
            continue
        if pdfium_c.FPDFPathSegment_GetClose(seg):
            out[-1][0].append("h")
            out[-1][1].append(out[-1][1][0])
    return [("".join(ops), pts) for ops, pts in out]


def _add_edges(shape: str, pts: list[tuple[float, float]], edges: list[dict]) -> None:
    """pdfminer's reading of one subpath (a line, else point pairs) as pdfplumber edges."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape, pts = shape[:-2] + "h", pts[:-1]
    if shape in ("ml", "mlh"):
        (x0, y0), (x1, y1) = pts[0], pts[1]
        top, bottom = min(y0, y1), max(y0, y1)
        edges.append(_edge(min(x0, x1), top, max(x0, x1), bottom, "h" if top == bottom else "v"))
        return
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        orientation = "v" if x0 == x1 else ("h" if y0 == y1 else None)
        edges.append(_edge(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), orientation))


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str | None) -> dict:
    return {"object_type": "edge", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": orientation}


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


class CellIndex:
    """`cell_of` for many points of one grid: the rows whose span [top, lowest cell bottom]
    can hold a height are listed once per stretch between two row edges, so a point is
    checked against those rows only (same answer as `cell_of`, in the same order)."""

    def __init__(self, grid: TableGrid):
        self.grid = grid
        spans = [(min(b[1] for b in row if b is not None), max(b[3] for b in row if b is not None))
                 for row in grid.rows if any(b is not None for b in row)]
        rows = [r for r, row in enumerate(grid.rows) if any(b is not None for b in row)]
        self.edges = sorted({v for span in spans for v in span})
        holds = lambda y: tuple(r for r, (top, bottom) in zip(rows, spans) if top <= y <= bottom)
        self.at_edge = [holds(v) for v in self.edges]              # y equal to an edge
        self.between = [()] + [holds((a + b) / 2) for a, b in zip(self.edges, self.edges[1:])] + [()]

    def find(self, x: float, y: float) -> tuple[int, int] | None:
        x0, top, x1, bottom = self.grid.bbox
        if not (x0 <= x <= x1 and top <= y <= bottom):
            return None
        k = bisect_left(self.edges, y)
        rows = self.at_edge[k] if k < len(self.edges) and self.edges[k] == y else self.between[k]
        for r in rows:
            for c, box in enumerate(self.grid.rows[r]):
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
