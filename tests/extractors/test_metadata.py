"""Document fields (spec §5): every gold document, field by field, compared as the
scorer compares them (its `norm`: case-folded, `UBND` → `ủy ban nhân dân`, tone
marks unified; the title by similarity ≥ 0.9); and the fixture plans of
data/raw/ field by field, exactly.

The gold documents and the letterheads of `../shared/corpus/letterheads` are read
through `vnplan parse` once per session (the `predictions` and
`letterhead_predictions` fixtures) and measured as a whole against a floor per
field; the fixtures of data/raw/ through `extractors.extract.extract`, exactly.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest


FIELDS = ["doc_number", "doc_type", "issuer", "issue_date", "place", "signer", "title",
          "issuer_cased", "title_cased"]

# Share of documents whose field matches gold, over every gold file at once (the scorer's
# comparison; `place` as the scorer compares other fields; `*_cased` with letter case).
# Set to what main measured when the gold grew to 36 files and the letterheads came
# (2026-12-06), raised to just below what the letterhead reading of issue 13 measures;
# raise them as accuracy rises, never lower them.
GOLD_FLOORS = {"doc_number": 0.94, "doc_type": 0.99, "issuer": 0.94, "issue_date": 0.94,
               "place": 0.91, "signer": 0.97, "title": 0.99, "issuer_cased": 0.94,
               "title_cased": 0.99}
LETTERHEAD_FLOORS = {"doc_number": 0.97, "doc_type": 0.97, "issuer": 0.97, "issue_date": 0.99,
                     "place": 0.97, "signer": 0.97, "title": 0.97, "issuer_cased": 0.97,
                     "title_cased": 0.96}


@pytest.fixture(scope="module")
def gold_field_accuracy(predictions, corpus, field_accuracy):
    return field_accuracy(corpus / "gold", predictions)


@pytest.fixture(scope="module")
def letterhead_field_accuracy(letterhead_predictions, corpus, field_accuracy):
    return field_accuracy(corpus / "letterheads" / "gold", letterhead_predictions)


@pytest.mark.parametrize("field", FIELDS)
def test_gold_document_fields_floor(gold_field_accuracy, field):
    share, wrong = gold_field_accuracy[field]
    assert share >= GOLD_FLOORS[field], (f"{field}: {share:.3f} < {GOLD_FLOORS[field]}", wrong[:10])


@pytest.mark.parametrize("field", FIELDS)
def test_letterhead_fields_floor(letterhead_field_accuracy, field):
    share, wrong = letterhead_field_accuracy[field]
    assert share >= LETTERHEAD_FLOORS[field], (f"{field}: {share:.3f} < {LETTERHEAD_FLOORS[field]}",
                                               wrong[:10])


# ---- the fixture plans under data/raw/ ----------------------------------------------

SAMPLES = {
    "mau-ke-hoach-inline.txt": dict(
        doc_number="58/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Ninh Bình",
        issue_date=date(2025, 3, 12), place="Ninh Bình", signer="Lê Thị Thanh Hương",
        title="Triển khai chuyển đổi số trong lĩnh vực văn hóa và thể thao năm 2025"),
    "mau-ke-hoach-bang.md": dict(
        doc_number="21/KH-UBND", doc_type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Quảng Bình",
        issue_date=date(2025, 1, 20), place="Quảng Bình", signer="Phan Văn Khánh",
        title="Phát triển du lịch cộng đồng tỉnh Quảng Bình năm 2025"),
    "mau-chi-thi-van-xuoi.txt": dict(
        doc_number="05/CT-UBND", doc_type="Chỉ thị", issuer="Ủy ban nhân dân tỉnh Hà Tĩnh",
        issue_date=date(2025, 4, 8), place="Hà Tĩnh", signer="Trần Minh Phúc",
        title="Về tăng cường công tác phòng, chống dịch bệnh mùa hè năm 2025"),
}

SAMPLE_KNOWN: dict[tuple[str, str], str] = {}


def _sample_cases():
    out = []
    for name, fields in SAMPLES.items():
        for field in fields:
            reason = SAMPLE_KNOWN.get((name, field))
            marks = pytest.mark.xfail(strict=True, reason=reason) if reason else ()
            out.append(pytest.param(name, field, marks=marks, id=f"{name}:{field}"))
    return out


@pytest.mark.parametrize("name,field", _sample_cases())
def test_sample_document_fields(sample, parsed, name, field):
    meta = parsed(sample(name)).meta
    got = getattr(meta, field)
    expected = SAMPLES[name][field]
    if field == "title":
        # sentence case of an all-caps source cannot restore proper names: compare case-folded
        assert got is not None and got.casefold() == expected.casefold()
        assert got[:1].isupper()
    else:
        assert got == expected


def test_blank_number_and_day_give_null(tmp_path, parsed):
    """A draft: `Số:      /KH-UBND` and `ngày    tháng 4 năm 2026` → both null (spec §5)."""
    text = "\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Số:      /KH-UBND", "Lào Cai, ngày    tháng 4 năm 2026",
        "", "KẾ HOẠCH", "Kiểm tra công tác an toàn thực phẩm năm 2026", "",
        "1. Sở Y tế chủ trì, phối hợp với Sở Công Thương kiểm tra các cơ sở sản xuất.",
    ]) + "\n"
    path = tmp_path / "du-thao.txt"
    path.write_text(text, encoding="utf-8")
    meta = parsed(path).meta
    assert meta.doc_number is None
    assert meta.issue_date is None
    assert meta.place == "Lào Cai"
    assert meta.doc_type == "Kế hoạch"
    assert meta.issuer == "Ủy ban nhân dân tỉnh Lào Cai"


def test_number_with_spaces_is_compacted(tmp_path, parsed):
    """`Số: 134 /KH-UBND` → `134/KH-UBND` (spec §5, as in laocai-134)."""
    text = "\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: 134 /KH - UBND", "Lào Cai, ngày 26 tháng 3 năm 2026",
        "", "KẾ HOẠCH", "Phát triển cụm công nghiệp năm 2026", "",
        "1. Sở Công Thương chủ trì thực hiện thủ tục thành lập cụm công nghiệp.",
    ]) + "\n"
    path = tmp_path / "kh-134.txt"
    path.write_text(text, encoding="utf-8")
    meta = parsed(path).meta
    assert meta.doc_number == "134/KH-UBND"
    assert meta.issue_date == date(2026, 3, 26)


def test_issuer_keeps_a_document_number_as_written(corpus_file, parsed):
    """laocai-kh-1105 (.txt): the issuer is named after a decision; its number stays `1050/QĐ-SCT`."""
    issuer = parsed(corpus_file("laocai-kh-1105-dkt-kiem-tra.txt")).meta.issuer
    assert issuer.startswith("Đoàn kiểm tra")
    assert issuer.endswith("1050/QĐ-SCT")



@pytest.mark.parametrize("source,line,expected", [
    ("bca-cv-5689-c04-2025.pdf (OCR)",
     "(Kèm theo Công văn sô: 5689/BCA-C04 ngày 16 tháng 12 năm 2025)",
     ("Công văn", "5689/BCA-C04", "16", "12", "2025")),
    ("laocai-kh-1105-dkt-kiem-tra.txt",
     "(Kèm theo Kế hoạch số 1105 /KH-ĐKT ngày10 /3/2026 của Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT)",
     ("Kế hoạch", "1105 /KH-ĐKT", "10", "3", "2026")),
    ("synthetic: no number", "(Kèm theo Kế hoạch ngày 10/3/2026)", None),
])
def test_annex_heading_names_its_document(source, line, expected):
    from extractors.own_text import ATTACHED_TO
    m = ATTACHED_TO.search(line)
    got = (m.group("type"), m.group("num"), m.group("d"), m.group("m"), m.group("y")) if m else None
    assert got == expected, source


def test_scanned_letter_takes_number_and_date_from_its_annex(corpus_file, parsed):
    """bca-cv-5689-c04-2025.pdf: OCR reads the letterhead as `Só:56ŸS /BCA-C04` and
    `ngày |Š tháng 12 năm 2025`; the annex heading names the letter in full."""
    meta = parsed(corpus_file("bca-cv-5689-c04-2025.pdf")).meta
    assert (meta.doc_number, meta.issue_date, meta.doc_type) == (
        "5689/BCA-C04", date(2025, 12, 16), "Công văn")
    # signed `Thượng tướng Nguyễn Văn Long` above a `DANH SÁCH` of recipients (an annex)
    assert meta.signer == "Nguyễn Văn Long"
    # the misread number and date lines still close the letterhead above them
    assert (meta.issuer, meta.place) == ("Bộ Công an", "Hà Nội")


@pytest.mark.parametrize("source,line,expected", [
    ("bca-cv-5689-c04-2025.pdf (OCR)", "Hà Nội, ngày |Š tháng 12 năm 2025", ("Hà Nội", None, "12", "2025")),
    ("hanoi-161-kh-ubnd-2023-excerpt.txt", "Hà Nội, ngày 31 tháng 5 năm 2023", ("Hà Nội", "31", "5", "2023")),
    ("laocai draft (spec §5)", "Lào Cai, ngày    tháng 4 năm 2026", ("Lào Cai", None, "4", "2026")),
])
def test_date_line_parts(source, line, expected):
    from parsers.grammar.dates import DATE_LINE, DATE_PARTS
    m = DATE_PARTS.search(line)
    assert DATE_LINE.search(line) and m, source
    assert (m.group("place").strip(), m.group("d"), m.group("m"), m.group("y")) == expected, source


@pytest.mark.parametrize("source,line,expected", [
    ("bca-cv-5689-c04-2025.pdf (OCR)", "Thượng tướng Nguyễn Văn Long", "Nguyễn Văn Long"),
    ("laocai-kh-1105-dkt-kiem-tra.txt", "Hoàng Văn Thuân", "Hoàng Văn Thuân"),
    ("synthetic: a rank in capitals", "Đại tá Trần Văn Bình", "Trần Văn Bình"),
    ("synthetic: a title only", "PHÓ GIÁM ĐỐC", None),
])
def test_signer_name_is_whole_capitalised_words(source, line, expected):
    from extractors.signer import NAME
    m = NAME.search(line)
    assert (m.group(1) if m else None) == expected, source


# A law or a resolution of the National Assembly is signed by its Chairman directly, the title
# on a line of its own (`CHỦ TỊCH QUỐC HỘI` / `Nguyễn Thị Kim Ngân`): the signature block, no
# task (the name was read as an item of the last article)
@pytest.mark.parametrize("source,signer", [
    ("wild/docs/hrmaster__luat-so-69-2020-qh14-32699.txt", "Nguyễn Thị Kim Ngân"),
    ("wild/docs/hrmaster__luat-so-51-2024-qh15-43559.txt", "Trần Thanh Mẫn"),
    ("wild/docs/hrmaster__nghi-quyet-so-45-2019-qh14-30232.txt", "Nguyễn Thị Kim Ngân"),
])
def test_signed_by_the_chairman_of_the_national_assembly(corpus_file, parsed, source, signer):
    result = parsed(corpus_file(source))
    assert result.meta.signer == signer
    assert not any(t.content == signer for t in result.tasks)


# A directive without its letterhead names its issuer in its enacting words (spec §5: from the
# document's own text): `..., Bộ trưởng Bộ Công Thương chỉ thị:` → the ministry, not its minister
@pytest.mark.parametrize("source,issuer", [
    ("wild/docs/nqb-mtc__Difficult-00222283.ws.txt", "Bộ Công Thương"),
    ("wild/docs/nqb-mtc__Difficult-00254883.ws.txt", "Ủy ban nhân dân thành phố Hà Nội"),
    ("wild/docs/nqb-mtc__Difficult-00211828.ws.txt", "Ủy ban nhân dân tỉnh Đồng Nai"),
])
def test_directive_names_its_issuer_in_its_enacting_words(corpus_file, parsed, source, issuer):
    assert parsed(corpus_file(source)).meta.issuer == issuer
