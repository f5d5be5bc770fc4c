"""Filters match what people type: without tone marks, through the registry's
abbreviations and acronyms, whole words; and say so when nothing matches."""
from __future__ import annotations

import warnings

import pytest

from pipeline import tables
from pipeline.tables.selection import NoMatchWarning, Selection, matches, misses

# (typed, text in a table, matches): forms from the sample plans of data/raw and
# the agency names of extractors/vocab/agencies.tsv
CASES = [
    ("ha noi", "Ủy ban nhân dân thành phố Hà Nội", True),           # no tone marks
    ("HÀ NỘI", "Ủy ban nhân dân thành phố Hà Nội", True),
    ("UBND thành phố Hà Nội", "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", True),  # UBND expanded
    ("Sở VHTT", "Sở Văn hóa và Thể thao thành phố Hà Nội", True),    # initials, `và` skipped
    ("Sở TTTT", "Sở Thông tin và Truyền thông tỉnh Quảng Bình", True),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông thành phố Hà Nội", True),   # the registry's
    ("Thông tin và Truyền thông", "Sở TT&TT", True),                 # both sides expanded
    ("quận, huyện", "UBND các quận, huyện", True),
    ("Hà Nội", "Ủy ban nhân dân thành phố Hải Phòng", False),
    ("hà", "Ủy ban nhân dân tỉnh Hà Tĩnh", True),
    ("ha", "Ủy ban nhân dân thành phố Hải Phòng", False),            # whole words
    ("Sở VHTT", "Sở Y tế thành phố Hà Nội", False),
    ("Đà Nẵng", "Ủy ban nhân dân thành phố Hà Nội", False),
]


@pytest.mark.parametrize("typed, text, expected", CASES)
def test_matches(typed, text, expected):
    assert matches(typed, text) is expected


def test_misses_names_the_filter_and_what_there_is(sample_tables):
    snap = tables.Snapshot.at(sample_tables, [], None)
    (message,) = misses(Selection.of(issuer="Đà Nẵng"), snap.table)
    assert "'Đà Nẵng'" in message and "Ủy ban nhân dân thành phố Hà Nội" in message
    (message,) = misses(Selection.of(issuer="Hà Nội", doc_number="45/KH-UBND"), snap.table)
    assert "together" in message                     # each matches some alone


def test_read_warns_when_nothing_matches(sample_tables):
    with pytest.warns(NoMatchWarning, match="no owner or partner matches 'Sở Tư pháp'"):
        assert tables.read("tasks", processed=sample_tables, agency="Sở Tư pháp").empty
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(tables.read("tasks", processed=sample_tables, issuer="ha noi")) == 4


def test_status_agency_filter_uses_the_same_matching(sample_tables, capsys):
    from pipeline.outputs.status import read_statuses
    from datetime import date
    found = read_statuses(date(2024, 5, 20), sample_tables, agency="so y te")
    assert {s.task_id for s in found} == {"a-0001", "a-0003"}
