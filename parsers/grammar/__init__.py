"""The grammar of administrative Vietnamese: the words and forms that government
plans, decrees and letters are written in, one module per concern, each with its
word list in `parsers/grammar/vocab/`.

- `dates`      date forms: `ngày 31 tháng 5 năm 2023`, `31/5/2023`, the letterhead's
               date line `Hà Nội, ngày 31 tháng 5 năm 2023`;
- `documents`  document types (`KẾ HOẠCH`, `THÔNG TƯ LIÊN TỊCH`), document numbers
               and their one normaliser, the type codes of a number (`KH`, `QĐ`), the
               national motto;
- `places`     the gazetteer: provinces with their old and new names, their cities and
               districts, the words of administrative units (`tỉnh`, `thành phố`, `huyện`).
- `timing`     timing words and forms: calendar units (`Quý II/2023`), the phrases
               that schedule work (`trước ngày 30/6/2023`, `định kỳ 6 tháng`,
               `Thường xuyên`);
- `timing_prose` the contexts in which a phrase qualifies an object instead
               (`Chiến lược ... đến năm 2030`) or sets a time limit (`trong 05 ngày
               làm việc`);
- `body_words`  the words of body names as patterns: head nouns, whole bodies,
                office-holders' titles, collectives, acronyms, and what stands at a
                position of a text;
- `bodies`      body names built from them: where a name opens and ends;
- `assignment`  the verbs of work, the forms that hand work to a body (`Giao X`,
                `X đề nghị Y`), cooperation (`phối hợp với`), the passive agent
                (`do X bố trí`), lead-ins, and what gives no task.

This is the lowest floor with `parsers.model`: parsers and extractors both use it,
it imports no reader and no extractor. Pure: no I/O beyond its word lists, no clock.
"""
