"""model: a report's digest names its text, hashed once per text, and stays right when the text is replaced;
the objects a build holds by the hundred thousand (sentences, mentions, indicators, entities) carry no __dict__."""
from __future__ import annotations

import dataclasses
import hashlib
import inspect
import pickle

import pytest

from reportgraph import model
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


_MODEL_CLASSES = [cls for _, cls in inspect.getmembers(model, inspect.isclass)
                  if dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__]


@pytest.mark.parametrize("cls", _MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_model_class_keeps_its_fields_in_slots_not_a_dict(cls: type) -> None:
    # a 3,000-report build holds over half a million of these until the join: a __dict__ apiece cost 30 MB of its peak
    assert "__slots__" in vars(cls)
    assert not any("__dict__" in vars(base) for base in cls.__mro__[:-1])


def test_a_slotted_object_refuses_an_attribute_it_does_not_declare_and_pickles_whole() -> None:
    sentence = model.Sentence(0, 0, 7, "新增企业3家。", "s1")
    with pytest.raises(AttributeError):
        sentence.txet = "typo"  # type: ignore[attr-defined]
    mention = model.Mention("Company", "某某公司", 0, 4, sentence)
    again = pickle.loads(pickle.dumps(mention))
    assert again == mention and again.sentence == sentence
