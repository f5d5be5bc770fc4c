"""The tables the pipeline keeps beside what documents say: `rejects` (files
that could not be read), `document_quality` (how well each document was
read), `agencies` (the agency ids the tasks point to) and `runs` (one row per
ingest run that changed a table: the snapshot of every table it published),
each column declared once (`pipeline.tables.columns`); `pipeline.tables.schemas`
gathers every table.
"""
from __future__ import annotations

from parsers.model import REJECT_REASONS
from pipeline.tables.columns import (BOOL, FLOAT, INT32, INT64, STRING, STRINGS, TIMESTAMP, Column,
                                     Table)

_REJECTS = Table("rejects", key="path", sheet="Tệp không đọc được",
    description="Một dòng cho mỗi tệp không đọc được.", columns=(
    Column("path", STRING, "Đường dẫn tệp",
           "Đường dẫn của tệp, tính từ thư mục tệp gốc (bảng Lần nhập)", key=True),
    Column("file_name", STRING, "Tên tệp", "Tên tệp"),
    Column("content_hash", STRING, "Mã băm nội dung", "Mã băm SHA-256 của nội dung tệp",
           ident=True),
    Column("format", STRING, "Định dạng", "Phần mở rộng của tệp"),
    Column("size", INT64, "Dung lượng (byte)", "Kích thước tệp tính bằng byte"),
    Column("reason", STRING, "Lý do",
           "empty, encoding, unsupported_format, corrupt, error", codes=frozenset(REJECT_REASONS)),
    Column("message", STRING, "Thông báo lỗi", "Mô tả lỗi", wrap=True),
    Column("location", STRING, "Vị trí lỗi", "Vị trí lỗi trong tệp, nếu biết"),
    Column("first_seen", TIMESTAMP, "Ghi nhận lần đầu", "Thời điểm (UTC) tệp bị loại lần đầu"),
    Column("last_seen", TIMESTAMP, "Cập nhật lần cuối",
           "Thời điểm (UTC) dòng này được ghi lại lần cuối"),
))


_DOCUMENT_QUALITY = Table("document_quality", key="doc_id", sheet="Chất lượng nhập",
    description="Chất lượng nhập của mỗi văn bản: điểm thấp là nên kiểm tra lại.", columns=(
    Column("doc_id", STRING, "Mã văn bản", "Văn bản được đánh giá", key=True, ident=True),
    Column("doc_number", STRING, "Số hiệu", "Số, ký hiệu văn bản"),
    Column("file_name", STRING, "Tên tệp", "Tên tệp đã đọc"),
    Column("reader", STRING, "Bộ đọc", "Cách đọc tệp: text, docx, pdf-text, pdf-ocr, ..."),
    Column("n_sections", INT32, "Số mục đánh số",
           "Số mục có số hoặc gạch đầu dòng trong phần nội dung"),
    Column("n_tasks", INT32, "Số nhiệm vụ", "Số nhiệm vụ trích xuất được"),
    Column("tasks_inline", INT32, "Nhiệm vụ dạng mục",
           "Nhiệm vụ có dòng Đơn vị chủ trì/Thời gian"),
    Column("tasks_table", INT32, "Nhiệm vụ dạng bảng", "Nhiệm vụ là dòng của bảng"),
    Column("tasks_prose", INT32, "Nhiệm vụ dạng câu văn", "Nhiệm vụ giao bằng câu văn"),
    Column("with_owner", INT32, "Có đơn vị chủ trì", "Số nhiệm vụ có đơn vị chủ trì"),
    Column("owner_share", FLOAT, "Tỷ lệ có chủ trì", "Tỷ lệ nhiệm vụ có đơn vị chủ trì (0-1)"),
    Column("with_timing", INT32, "Có thời gian đọc được",
           "Số nhiệm vụ có thời gian đã hiểu (không phải unparsed)"),
    Column("timing_share", FLOAT, "Tỷ lệ có thời gian",
           "Tỷ lệ nhiệm vụ có thời gian đã hiểu (0-1)"),
    Column("n_mentions", INT32, "Số lượt nêu cơ quan", "Số lượt nêu cơ quan chủ trì và phối hợp"),
    Column("unknown_agencies", INT32, "Cơ quan chưa có trong danh mục",
           "Số lượt nêu cơ quan không khớp danh mục (kể cả cách gọi chung)"),
    Column("unknown_agency_names", STRINGS, "Tên cơ quan chưa nhận ra",
           "Các tên cơ quan (không phải cách gọi chung) chưa có trong danh mục"),
    Column("body_lines", INT32, "Số dòng nội dung", "Số dòng trong phần nội dung văn bản"),
    Column("unparsed_lines", INT32, "Dòng không thuộc nhiệm vụ",
           "Dòng nội dung không thuộc nhiệm vụ nào và không là tiêu đề của nhiệm vụ (mục đích, căn cứ, hoặc nhiệm vụ bị sót)"),
    Column("ocr_confidence", FLOAT, "Độ tin cậy OCR",
           "Độ tin cậy nhận dạng chữ (0-100), chỉ với bản quét"),
    Column("n_warnings", INT32, "Số cảnh báo", "Số cảnh báo khi đọc và trích xuất (không kể ghi chú)"),
    Column("warnings", STRINGS, "Cảnh báo", "Các cảnh báo khi đọc và trích xuất", wrap=True),
    Column("notes", STRINGS, "Ghi chú",
           "Thông tin khi đọc, không phải cảnh báo và không trừ điểm, ví dụ dấu chữ ký số", wrap=True),
    Column("score", FLOAT, "Điểm chất lượng",
           "0-100: 30 chủ trì, 25 thời gian, 20 cơ quan nhận ra, 15 dòng thuộc nhiệm vụ, 10 OCR; trừ 5 mỗi cảnh báo (tối đa 20)"),
))


_AGENCIES = Table("agencies", key="agency_id", sheet="Cơ quan",
    description="Danh mục cơ quan: mọi cơ quan trung ương của danh mục và mọi mã cơ quan mà bảng Cơ quan của nhiệm vụ trỏ tới (cả tên chưa nhận ra và cách gọi chung, có đánh dấu).", columns=(
    Column("agency_id", STRING, "Mã cơ quan",
           "Mã cơ quan như trong bảng Cơ quan của nhiệm vụ, ví dụ sở-công-thương@lào-cai",
           key=True),
    Column("registry_id", STRING, "Mã trong danh mục",
           "Dòng của danh mục (mã không kèm @phạm vi); trống nếu cơ quan không là một dòng của danh mục"),
    Column("kind", STRING, "Kiểu trong danh mục",
           "central: cơ quan trung ương; unit: đơn vị mà bộ nào cũng có; local: cơ quan mà tỉnh nào cũng có"),
    Column("canonical_name", STRING, "Tên chuẩn", "Tên đầy đủ chuẩn hóa"),
    Column("agency_type", STRING, "Loại cơ quan", "Bộ, Sở, Ủy ban nhân dân, Cục, Vụ, Ban, ..."),
    Column("agency_level", STRING, "Cấp", "central, provincial, district, commune"),
    Column("province", STRING, "Tỉnh/thành phố", "Tỉnh, thành phố của cơ quan địa phương"),
    Column("scope", STRING, "Phạm vi",
           "Phần sau @ của mã: tỉnh của cơ quan địa phương hoặc bộ của đơn vị thuộc bộ"),
    Column("status", STRING, "Tình trạng",
           "current: còn hoạt động; former: đã hợp nhất (sắp xếp năm 2025)"),
    Column("successor_id", STRING, "Mã cơ quan kế thừa",
           "Mã cơ quan mà cơ quan cũ được hợp nhất vào"),
    Column("known", BOOL, "Có trong danh mục",
           "Đúng khi cơ quan là một dòng của danh mục (hoặc thuộc một dòng có phạm vi); sai với tên chưa nhận ra"),
    Column("collective", BOOL, "Là nhóm",
           "Đúng với cách gọi chung (các đơn vị liên quan, UBND các huyện) không chỉ một cơ quan"),
))


_RUN_COLUMNS = (
    Column("run_id", STRING, "Mã lần nhập",
           "Mã của lần nhập (mã lần chạy Dagster): mã ảnh chụp các bảng", key=True),
    Column("snapshot", INT64, "Số thứ tự ảnh chụp",
           "Thứ tự của lần nhập có thay đổi, từ 1 (tables.read(..., as_of=số này))"),
    Column("started_at", TIMESTAMP, "Bắt đầu", "Thời điểm (UTC) lần nhập bắt đầu"),
    Column("published_at", TIMESTAMP, "Công bố xong",
           "Thời điểm (UTC) mọi bảng của lần nhập đã được ghi"),
    Column("raw_root", STRING, "Thư mục tệp gốc",
           "Thư mục đã nhập (đường dẫn tuyệt đối khi nhập); Đường dẫn tệp của các bảng tính từ đây"),
    Column("files", INT32, "Số tệp", "Số tệp trong thư mục khi nhập"),
    Column("parsed", INT32, "Số tệp đã đọc", "Số tệp có nội dung mới được đọc"),
    Column("documents_added", INT32, "Văn bản mới", "Số văn bản mới hoặc đọc lại"),
    Column("rejected", INT32, "Tệp không đọc được", "Số tệp bị loại trong lần nhập này"),
    Column("withdrawn", INT32, "Văn bản rút", "Số văn bản có tệp đã bị xóa"),
)


def runs_table(tables: dict[str, Table]) -> Table:
    """The `runs` table: its own columns and the version of each of `tables`."""
    versions = tuple(Column(f"{name}_version", INT64, f"Phiên bản {t.sheet}"[:60],
                            f"Phiên bản của bảng {name} sau lần nhập (trống: bảng chưa có)")
                     for name, t in tables.items())
    return Table("runs", key="run_id", sheet="Lần nhập",
                 description="Một dòng cho mỗi lần nhập có thay đổi: ảnh chụp các bảng (phiên bản của mỗi bảng) để đọc lại các bảng như sau lần nhập đó.",
                 columns=_RUN_COLUMNS + versions)
