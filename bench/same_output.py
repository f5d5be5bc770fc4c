"""Check that optimisations change no output: `vnplan parse --format json` of
every corpus file, compared byte for byte with a saved reference.

    python -m bench.same_output save  CORPUS REFDIR   # before optimising
    python -m bench.same_output check CORPUS REFDIR   # after: exit 1 on any difference

The JSON is produced in process by the same code as `vnplan parse --format json`
(`pipeline.outputs.document_json.parsed_dict`); a rejected file is recorded as its reason.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from parsers.model import ParseError
from pipeline.outputs.document_json import parsed_dict


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir()
                  if p.is_file() and p.suffix.lower() in {".txt", ".md", ".docx", ".doc", ".pdf"})


def render(path: Path) -> str:
    from extractors.extract import extract
    try:
        doc = extract(path)
    except ParseError as exc:
        return json.dumps({"file": path.name, "rejected": exc.reason}, ensure_ascii=False)
    return json.dumps(parsed_dict(doc, path.name), ensure_ascii=False, indent=1)


def main(argv: list[str]) -> int:
    mode, corpus, ref = argv[0], Path(argv[1]), Path(argv[2])
    ref.mkdir(parents=True, exist_ok=True)
    differ = []
    files = corpus_files(corpus)
    for f in files:
        text = render(f) + "\n"
        target = ref / f"{f.name}.json"
        if mode == "save":
            target.write_text(text, encoding="utf-8")
        elif target.read_text(encoding="utf-8") != text:
            differ.append(f.name)
    if mode == "check":
        print(f"{len(files) - len(differ)}/{len(files)} identical" +
              (": differ " + ", ".join(differ) if differ else ""))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
