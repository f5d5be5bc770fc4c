"""`per_document` results live in the context of one document, never longer."""
from __future__ import annotations

import threading

from parsers.document_context import document_context, per_document

calls: list[str] = []


@per_document
def shout(text: str) -> str:
    calls.append(text)
    return text.upper()


def test_a_result_is_kept_for_the_document_being_read():
    calls.clear()
    with document_context():
        assert shout("sở y tế") == shout("sở y tế") == "SỞ Y TẾ"
    assert calls == ["sở y tế"]


def test_the_next_document_starts_afresh_and_nothing_is_kept_outside():
    calls.clear()
    with document_context():
        shout("a")
    with document_context():
        shout("a")
    shout("a")
    shout("a")
    assert calls == ["a"] * 4


def test_a_nested_document_sees_nothing_of_the_outer_one():
    calls.clear()
    with document_context():
        shout("a")
        with document_context():
            shout("a")
        shout("a")                      # the outer document's result again
    assert calls == ["a", "a"]


def test_documents_read_in_two_threads_do_not_share_results():
    calls.clear()
    barrier = threading.Barrier(2)

    def read():
        with document_context():
            shout("b")
            barrier.wait()
            shout("b")

    threads = [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["b", "b"]
