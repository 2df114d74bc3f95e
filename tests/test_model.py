"""model: a report's digest names its text, hashed once per text, and stays right when the text is replaced."""
from __future__ import annotations

import hashlib
import pickle

from reportgraph.model import Report


def _sha1_12(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def test_the_digest_is_the_texts_hash_and_follows_a_replaced_text() -> None:
    report = Report(path="r.txt", text="一、工作总结\n新增企业3家。\n")
    assert report.digest == _sha1_12(report.text)
    assert report.digest == _sha1_12(report.text)  # asked again: the kept one, still right
    report.text = "一、工作计划\n新增企业5家。\n"
    assert report.digest == _sha1_12(report.text)
    assert Report(path="empty.txt", text="").digest == _sha1_12("")


def test_the_kept_digest_is_not_part_of_what_makes_two_reports_equal_and_survives_pickling() -> None:
    asked = Report(path="r.txt", text="新增企业3家。")
    _ = asked.digest
    assert asked == Report(path="r.txt", text="新增企业3家。")
    assert "_digest_of" not in repr(asked)
    again = pickle.loads(pickle.dumps(asked))
    assert again.digest == _sha1_12("新增企业3家。")
    again.text = "新增企业4家。"
    assert again.digest == _sha1_12("新增企业4家。")
