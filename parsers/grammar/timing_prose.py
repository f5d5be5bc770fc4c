"""Prose contexts of timing phrases (spec §4): the words around a phrase that make it
qualify an object (`Chiến lược ... đến năm 2030`, `kế hoạch công tác hằng năm`), date a
cited document (`Nghị định số 06/2022/NĐ-CP ngày 07 tháng 01 năm 2022`), or a time limit
(`trong 05 ngày làm việc`), every word from `parsers/grammar/vocab/timing.json`
(`prose_filters`). Read by `extractors/timing_find.py` on the shadow of the text
(`parsers.grammar.timing.shadow`).
"""
from __future__ import annotations

import re

from parsers.grammar.timing import NO_LETTER_AFTER, NO_LETTER_BEFORE, VOCAB, WORKDAY_UNITS, words

# What makes a duration after a cell's lead a time limit in prose too: working days or an
# anchor (`trong 05 ngày làm việc`, `trong 10 ngày kể từ ngày nhận được`), not `trong 5 năm`
TIME_LIMIT = re.compile(rf"{NO_LETTER_BEFORE}{words(list(WORKDAY_UNITS) + VOCAB['relative']['anchors'])}{NO_LETTER_AFTER}", re.IGNORECASE)
_PF = VOCAB["prose_filters"]
# Right before a phrase that then qualifies an object: `giai đoạn 2021 - 2030`,
# `tầm nhìn đến năm 2050`, `Tính đến hết ngày 24/5/2025`, `cho đến khi có chỉ đạo của
# Thủ tướng Chính phủ`
OBJECT_MARKER_BEFORE = re.compile(rf"{NO_LETTER_BEFORE}{words(_PF['object_markers_before'])}\s*$",
                                  re.IGNORECASE)
# A noun that a following frequency qualifies: `kế hoạch công tác hằng năm`, `kiểm tra định
# kỳ và đột xuất`
PLAN_NOUN = re.compile(rf"{NO_LETTER_BEFORE}{words(_PF['plan_nouns'])}{NO_LETTER_AFTER}", re.IGNORECASE)
# A coordinated secondary duty: `... trực tuyến và định kỳ đánh giá`
SECONDARY_BEFORE = re.compile(rf"{NO_LETTER_BEFORE}{words(_PF['secondary_joiners'])}\s*$", re.IGNORECASE)
# Words a clause may open with before its time adverbial: `Phấn đấu đến năm 2030, ...`
CLAUSE_OPENER_BEFORE = re.compile(rf"{NO_LETTER_BEFORE}{words(_PF['clause_openers'])}\s*$", re.IGNORECASE)
# A standing-role item: `Là cơ quan thường trực, có trách nhiệm ... định kỳ báo cáo`
STANDING_ROLE = re.compile(rf"^\W*{words(_PF['standing_role_openers'])}{NO_LETTER_AFTER}", re.IGNORECASE)
# A document number right before a date: `Nghị định số 06/2022/NĐ-CP ngày 07 tháng 01 năm
# 2022`, `Kế hoạch số 1105 /KH-ĐKT ngày10 /3/2026`
DOC_NUMBER_BEFORE = re.compile(r"\d[\w.-]*\s*/\s*[\w./-]*[^\W\d_][\w./-]*\s*$")
# A capitalised document name in the same clause: `Luật Tổ chức chính quyền địa phương ngày
# 16/6/2025`; lower case `quyết định` is a verb (`xem xét, quyết định trong quý III`).
CITATION_NOUN = re.compile(
    rf"{NO_LETTER_BEFORE}{words([w[0].upper() + w[1:] for w in _PF['citation_nouns']])}{NO_LETTER_AFTER}")
# A noun right before a frequency that makes it the kind of the activity: `kiểm tra định kỳ và đột
# xuất`, `chế độ báo cáo định kỳ`; not `báo cáo Thủ tướng Chính phủ định kỳ hằng năm`
ACTIVITY_NOUN_BEFORE = re.compile(rf"{NO_LETTER_BEFORE}{words(_PF['activity_nouns'])}\s*$", re.IGNORECASE)
# A fronted topic whose phrases qualify it: `Đối với các nhiệm vụ triển khai trong năm 2025, ...`
# (to its comma), `Về điều chuyển số vốn dư, không có khả năng giải ngân trong năm 2025 ...:`
# (to its colon)
TOPIC_OPENER = re.compile(rf"^\W*(?P<w>{words(_PF['topic_openers'])}){NO_LETTER_AFTER}", re.IGNORECASE)
TOPIC_ENDS = {" ".join(k.lower().split()): tuple(v) for k, v in _PF["topic_openers"].items()}
# A reporting verb right after a frequency: `Hằng năm báo cáo kết quả thực hiện`
REPORTING_AFTER = re.compile(rf"\s*,?\s*{words(_PF['reporting_verbs'])}{NO_LETTER_AFTER}", re.IGNORECASE)
# A modal right before an ongoing word: `Các lực lượng chức năng phải liên tục ra quân`
MODAL_BEFORE = re.compile(rf"{NO_LETTER_BEFORE}{words(_PF['modals'])}\s*$", re.IGNORECASE)
