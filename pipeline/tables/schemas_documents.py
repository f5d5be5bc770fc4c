"""The tables of what a document says: `documents` (its letterhead and file),
`sections` (its numbered structure), `tasks`, `task_agencies` (each owner and
partner mention with its agency) and `references` (the documents it cites),
each column declared once (`pipeline.tables.columns`); `pipeline.tables.schemas`
gathers every table.

A column's `fill` reads it from the row's source: a `ParsedDocument`
(documents), a `Node` (sections), a `TaskRecord` (tasks), a `Mention`
(task_agencies), a `Reference` (references); the other columns are given by
the pipeline (ids, paths, times, links). `extras` are the columns an export
for people adds (the document's number, date and issuer on every row of a
child table; a task's deadline status), not stored.
"""
from __future__ import annotations

from pipeline.tables.codes import codes
from pipeline.tables.columns import (BOOL, DATE, FLOAT, INT32, INT64, STRING, STRINGS, TIMESTAMP,
                                     Column, Table)

ACTIVE, WITHDRAWN = "active", "withdrawn"     # values of documents.status
DOCUMENT_STATUSES = frozenset({ACTIVE, WITHDRAWN})
TIMING_KINDS = codes("timing_kind")           # spec §4
SOURCE_KINDS = codes("source_kind")           # inline, table, prose
ROLES = codes("role")                         # owner, partner
REF_ROLES = codes("ref_role")                 # legal_basis, implements, mention

# what an export for people puts first on every row of a table of one document's rows
DOCUMENT_EXTRAS = (
    Column("doc_number", STRING, "Số hiệu văn bản", "Số, ký hiệu của văn bản (từ bảng Văn bản)",
           derived="documents.doc_number"),
    Column("issue_date", DATE, "Ngày ban hành", "Ngày ban hành của văn bản (từ bảng Văn bản)",
           derived="documents.issue_date"),
    Column("issuer", STRING, "Cơ quan ban hành", "Cơ quan ban hành văn bản (từ bảng Văn bản)",
           derived="documents.issuer"),
)

def _n_tasks(doc) -> int:
    return len(doc.tasks)


def _n_sections(doc) -> int:
    return len(doc.tree.nodes)


def _n_blocks(doc) -> int:
    return len(doc.raw.blocks)


def _warnings(doc) -> list[str]:
    return list(doc.raw.warnings) + list(doc.warnings)


def _is_plan(doc) -> bool:
    return len(doc.tasks) > 0


def _known(mention) -> bool:
    return bool(mention.agency is not None and mention.agency.known)


_DOCUMENTS = Table("documents", key="doc_id", sheet="Văn bản",
    description="Một dòng cho mỗi văn bản (theo nội dung tệp).", columns=(
    Column("doc_id", STRING, "Mã văn bản",
           "Mã băm SHA-256 của nội dung tệp; khóa nối với các bảng khác", key=True,
           ident=True),
    Column("path", STRING, "Đường dẫn tệp",
           "Đường dẫn đầu tiên (theo thứ tự chữ cái) của tệp, tính từ thư mục tệp gốc (bảng Lần nhập)"),
    Column("paths", STRINGS, "Các đường dẫn",
           "Mọi đường dẫn có cùng nội dung này, tính từ thư mục tệp gốc"),
    Column("file_name", STRING, "Tên tệp", "Tên tệp của đường dẫn đầu tiên"),
    Column("format", STRING, "Định dạng", "Phần mở rộng của tệp: txt, md, docx, doc, pdf, html"),
    Column("reader", STRING, "Bộ đọc",
           "Cách đọc tệp: text, markdown, docx, pdf-text, pdf-ocr", fill="raw.reader", json=False),
    Column("size", INT64, "Dung lượng (byte)", "Kích thước tệp tính bằng byte"),
    Column("content_hash", STRING, "Mã băm nội dung",
           "Mã băm SHA-256 của nội dung tệp (bằng Mã văn bản)", ident=True),
    Column("doc_number", STRING, "Số hiệu",
           "Số, ký hiệu văn bản như 161/KH-UBND; trống khi văn bản để trống số",
           fill="meta.doc_number"),
    Column("doc_type", STRING, "Loại văn bản",
           "Kế hoạch, Quyết định, Chỉ thị, Công văn, Thông báo, ...", fill="meta.doc_type"),
    Column("issuer", STRING, "Cơ quan ban hành",
           "Cơ quan ban hành theo quốc hiệu, tiêu ngữ (viết đầy đủ)", fill="meta.issuer"),
    Column("issue_date", DATE, "Ngày ban hành",
           "Ngày ký ban hành; trống khi văn bản để trống ngày", fill="meta.issue_date"),
    Column("place", STRING, "Địa danh", "Địa danh ghi trước ngày ban hành", fill="meta.place"),
    Column("signer", STRING, "Người ký", "Họ tên người ký", fill="meta.signer"),
    Column("title", STRING, "Trích yếu",
           "Trích yếu nội dung sau tên loại văn bản", fill="meta.title",
           wrap=True),
    Column("n_tasks", INT32, "Số nhiệm vụ",
           "Số nhiệm vụ trích xuất được", fill=_n_tasks, json=False),
    Column("n_sections", INT32, "Số mục",
           "Số mục và đoạn của cây đề mục", fill=_n_sections, json=False),
    Column("n_blocks", INT32, "Số khối",
           "Số đoạn văn và dòng bảng đọc được", fill=_n_blocks, json=False),
    Column("pages", INT32, "Số trang", "Số trang (chỉ PDF)", fill="raw.pages", json=False),
    Column("ocr_confidence", FLOAT, "Độ tin cậy OCR",
           "Độ tin cậy trung bình của nhận dạng chữ (0-100), chỉ với bản quét",
           fill="raw.ocr_confidence", json=False),
    Column("warnings", STRINGS, "Cảnh báo",
           "Cảnh báo khi đọc và trích xuất", fill=_warnings, json=False),
    Column("first_seen", TIMESTAMP, "Ghi nhận lần đầu",
           "Thời điểm (UTC) văn bản được nhập lần đầu"),
    Column("last_seen", TIMESTAMP, "Cập nhật lần cuối",
           "Thời điểm (UTC) dòng này được ghi lại lần cuối"),
    Column("status", STRING, "Trạng thái",
           "active: tệp còn trong thư mục; withdrawn: tệp đã bị xóa (dữ liệu vẫn giữ)",
           codes=DOCUMENT_STATUSES),
    Column("is_plan", BOOL, "Có nhiệm vụ",
           "Đúng khi văn bản có ít nhất một nhiệm vụ", fill=_is_plan, json=False),
))


_SECTIONS = Table("sections", key="doc_id", sheet="Mục",
    description="Cây đề mục của mỗi văn bản: một dòng cho mỗi mục hoặc đoạn.", columns=(
    Column("doc_id", STRING, "Mã văn bản", "Văn bản chứa mục này", key=True, ident=True),
    Column("ordinal", INT32, "Thứ tự", "Thứ tự của mục trong văn bản, từ 0", fill="index"),
    Column("path", STRING, "Đường dẫn mục",
           "Đường dẫn nhãn, ví dụ II.1.1.1, III.1.a, I¶2", fill="path"),
    Column("label", STRING, "Nhãn",
           "Nhãn đánh số: II, 1.1, a; trống với đoạn văn", fill="marker.label"),
    Column("marker_style", STRING, "Kiểu đánh số",
           "roman, arabic, decimal2, letter, dash, ...", fill="marker.style"),
    Column("marker_raw", STRING, "Ký hiệu như văn bản",
           "Ký hiệu đánh số như viết, ví dụ 1.1. hoặc a)", fill="marker.raw"),
    Column("depth", INT32, "Cấp", "Độ sâu trong cây đề mục, từ 0", fill="depth"),
    Column("zone", STRING, "Vùng",
           "letterhead, title, body, signature, recipients, appendix", fill="zone"),
    Column("is_heading", BOOL, "Là tiêu đề", "Dòng viết hoa hoặc in đậm", fill="is_heading"),
    Column("text", STRING, "Nội dung", "Nội dung của mục, không kèm số", fill="text", wrap=True),
    Column("block", INT32, "Khối", "Số thứ tự khối văn bản (đoạn hoặc dòng bảng)", fill="block",
           ident=True),
    Column("parent_path", STRING, "Mục cha", "Đường dẫn của mục chứa mục này"),
), extras=DOCUMENT_EXTRAS)


_TASKS = Table("tasks", key="doc_id", sheet="Nhiệm vụ",
    description="Một dòng cho mỗi nhiệm vụ được giao.", columns=(
    Column("doc_id", STRING, "Mã văn bản", "Văn bản giao nhiệm vụ", key=True, ident=True),
    Column("task_id", STRING, "Mã nhiệm vụ",
           "Mã văn bản và thứ tự nhiệm vụ: <Mã văn bản>-0001", key=True, ident=True),
    Column("ordinal", INT32, "Thứ tự", "Thứ tự nhiệm vụ trong văn bản, từ 1"),
    Column("section", STRING, "Mục", "Đường dẫn mục của nhiệm vụ, ví dụ II.1.1.1", fill="section"),
    Column("source_kind", STRING, "Hình thức",
           "inline: mục có các dòng Đơn vị chủ trì/Thời gian; table: dòng của bảng nhiệm vụ; prose: câu văn giao việc",
           fill="source_kind", codes=SOURCE_KINDS),
    Column("title", STRING, "Tên nhiệm vụ", "Dòng tiêu đề của nhiệm vụ, nếu có", fill="title",
           wrap=True),
    Column("content", STRING, "Nội dung", "Nội dung công việc", fill="content", wrap=True),
    Column("owner", STRINGS, "Đơn vị chủ trì",
           "Cơ quan, đơn vị chủ trì, như văn bản viết", fill="owner"),
    Column("partners", STRINGS, "Đơn vị phối hợp",
           "Cơ quan, đơn vị phối hợp, như văn bản viết", fill="partner_names"),
    Column("timing_raw", STRING, "Thời gian (nguyên văn)",
           "Thời gian như văn bản viết, ví dụ Tháng 5/2023, Thường xuyên", fill="timing.raw"),
    Column("timing_kind", STRING, "Loại thời gian",
           "period, deadline, open_ended, recurring, ongoing, unspecified, unparsed (xem trang Từ điển)",
           fill="timing.kind", codes=TIMING_KINDS),
    Column("start_date", DATE, "Ngày bắt đầu",
           "Ngày bắt đầu của khoảng thời gian; trống với hạn chót", fill="timing.start"),
    Column("end_date", DATE, "Ngày kết thúc",
           "Ngày kết thúc hoặc hạn chót; trống với nhiệm vụ từ một thời điểm trở đi",
           fill="timing.end"),
    Column("deliverable", STRING, "Sản phẩm",
           "Sản phẩm, kết quả nếu văn bản nêu", fill="deliverable", wrap=True),
    Column("block", INT32, "Khối", "Khối văn bản chứa nhiệm vụ", fill="span.block", ident=True),
    Column("page", INT32, "Trang", "Trang chứa nhiệm vụ (PDF)", fill="span.page"),
    Column("char_start", INT32, "Ký tự đầu", "Vị trí ký tự đầu trong khối", fill="span.start",
           ident=True),
    Column("char_end", INT32, "Ký tự cuối", "Vị trí ký tự cuối trong khối", fill="span.end",
           ident=True),
), extras=(*DOCUMENT_EXTRAS, Column(
    "deadline_status", STRING, "Tình trạng hạn",
    "Hạn chót so với ngày xuất (--as-of): quá hạn, đến hạn trong 30 ngày, còn hạn, thường xuyên, không có hạn chót; vnplan không biết nhiệm vụ đã hoàn thành hay chưa",
    codes=codes("deadline_status"), derived="deadline_status")))


_TASK_AGENCIES = Table("task_agencies", key="doc_id", sheet="Cơ quan thực hiện",
    description="Một dòng cho mỗi cơ quan chủ trì hoặc phối hợp của mỗi nhiệm vụ.", columns=(
    Column("doc_id", STRING, "Mã văn bản", "Văn bản giao nhiệm vụ", key=True, ident=True),
    Column("task_id", STRING, "Mã nhiệm vụ", "Nhiệm vụ (nối với bảng Nhiệm vụ)", key=True,
           ident=True),
    Column("role", STRING, "Vai trò",
           "owner: chủ trì; partner: phối hợp", fill="role", codes=ROLES),
    Column("ordinal", INT32, "Thứ tự", "Vị trí trong danh sách chủ trì hoặc phối hợp, từ 1"),
    Column("mention", STRING, "Tên như văn bản", "Tên cơ quan như văn bản viết", fill="text"),
    Column("agency_id", STRING, "Mã cơ quan",
           "Mã cơ quan trong danh mục", fill="agency.agency_id"),
    Column("canonical_name", STRING, "Tên chuẩn",
           "Tên đầy đủ chuẩn hóa (viết tắt được mở rộng)", fill="agency.canonical"),
    Column("agency_type", STRING, "Loại cơ quan",
           "Bộ, Sở, Ủy ban nhân dân, Cục, Vụ, Ban, ...", fill="agency.type"),
    Column("agency_level", STRING, "Cấp",
           "central, provincial, district, commune", fill="agency.level"),
    Column("province", STRING, "Tỉnh/thành phố",
           "Tỉnh, thành phố của cơ quan địa phương", fill="agency.province"),
    Column("collective", BOOL, "Là nhóm",
           "Đúng với cách gọi chung (các đơn vị liên quan) không chỉ một cơ quan",
           fill="agency.collective"),
    Column("known", BOOL, "Có trong danh mục",
           "Đúng khi tên khớp một cơ quan trong danh mục", fill=_known),
), extras=DOCUMENT_EXTRAS)


_REFERENCES = Table("references", key="doc_id", sheet="Văn bản được dẫn",
    description="Một dòng cho mỗi văn bản được một văn bản dẫn chiếu (căn cứ, thực hiện hoặc nhắc đến), gộp theo loại và số hiệu.", columns=(
    Column("doc_id", STRING, "Mã văn bản", "Văn bản dẫn chiếu (nối với bảng Văn bản)", key=True,
           ident=True),
    Column("ordinal", INT32, "Thứ tự", "Thứ tự văn bản được dẫn theo lần dẫn đầu tiên, từ 1"),
    Column("ref_type", STRING, "Loại văn bản được dẫn",
           "Kế hoạch, Nghị định, Quyết định, Chỉ thị, Nghị quyết, Thông tư, Công văn (cả Văn bản số ...), Luật, ...",
           fill="doc_type"),
    Column("ref_type_raw", STRING, "Loại (nguyên văn)",
           "Tên loại như văn bản viết, ví dụ Văn bản, công văn", fill="doc_type_raw"),
    Column("ref_number", STRING, "Số hiệu được dẫn",
           "Số, ký hiệu đã chuẩn hóa (bỏ khoảng trắng quanh / và -), ví dụ 06/2022/NĐ-CP; trống với luật dẫn theo tên",
           fill="number"),
    Column("ref_number_raw", STRING, "Số hiệu (nguyên văn)",
           "Số, ký hiệu như văn bản viết, ví dụ 1105 /KH-ĐKT", fill="number_raw"),
    Column("ref_name", STRING, "Tên luật",
           "Tên luật khi luật được dẫn theo tên, không có số, ví dụ Luật Khoa học và Công nghệ",
           fill="name"),
    Column("ref_date", DATE, "Ngày của văn bản được dẫn",
           "Ngày ban hành ghi sau số hiệu (ngày 01/4/2022, ngày 22 tháng 12 năm 2024), nếu có",
           fill="issue_date"),
    Column("ref_date_raw", STRING, "Ngày (nguyên văn)", "Ngày như văn bản viết", fill="date_raw"),
    Column("ref_issuer", STRING, "Cơ quan ban hành văn bản được dẫn",
           "Cơ quan hoặc người ban hành ghi sau chữ của, như văn bản viết", fill="issuer"),
    Column("ref_role", STRING, "Vai trò dẫn chiếu",
           "legal_basis: đoạn Căn cứ ở phần mở đầu; implements: đoạn Thực hiện/Triển khai ở phần mở đầu; mention: nhắc đến ở nơi khác",
           fill="role", codes=REF_ROLES),
    Column("is_basis", BOOL, "Là căn cứ",
           "Đúng khi vai trò là legal_basis hoặc implements", fill="is_basis"),
    Column("n_mentions", INT32, "Số lần dẫn",
           "Số lần văn bản này được dẫn trong văn bản dẫn chiếu", fill="mentions"),
    Column("raw", STRING, "Trích dẫn (nguyên văn)",
           "Đoạn dẫn chiếu như văn bản viết (lần được giữ)", fill="raw", wrap=True),
    Column("section", STRING, "Mục",
           "Đường dẫn mục chứa lần dẫn được giữ, ví dụ ¶17, III.6.-2", fill="section"),
    Column("block", INT32, "Khối", "Khối văn bản chứa lần dẫn được giữ", fill="span.block",
           ident=True),
    Column("page", INT32, "Trang", "Trang chứa lần dẫn (PDF)", fill="span.page"),
    Column("char_start", INT32, "Ký tự đầu",
           "Vị trí ký tự đầu của trích dẫn trong khối", fill="span.start", ident=True),
    Column("char_end", INT32, "Ký tự cuối",
           "Vị trí ký tự cuối của trích dẫn trong khối", fill="span.end", ident=True),
    Column("cited_doc_id", STRING, "Mã văn bản được dẫn",
           "Mã văn bản được dẫn khi nó có trong bảng Văn bản (cùng số hiệu, loại và ngày không mâu thuẫn); trống nếu không có",
           ident=True),
), extras=DOCUMENT_EXTRAS)

