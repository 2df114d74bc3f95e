"""load: finding report files and reading them as text, whatever the encoding."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import WriteReport
from reportgraph import load
from reportgraph.errors import ReportError

TRADITIONAL = (
    "某某市某某區和風街道辦事處2024年上半年工作報告\n"
    "一、上半年工作總結\n"
    "(一)經濟發展穩中有進。規上工業增加值增長8.5%,新增企業12家。\n"
    "幸福社區土地整備利益統籌項目完成簽約。\n"
)


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le-bom", "utf-16-be-bom"])
def test_each_encoding_reads_the_same_text(write_report: WriteReport, small_report_text: str, encoding: str) -> None:
    if encoding.endswith("-bom"):
        codec = encoding[: -len("-bom")]
        data = ("\ufeff" + small_report_text).encode(codec)
    else:
        data = small_report_text.encode(encoding)
    source = load.read(write_report(data, f"r-{encoding}.txt"))
    assert source.text == small_report_text
    assert source.meta == {}


@pytest.mark.parametrize("encoding", ["utf-8", "big5", "gb18030", "utf-16"])
def test_traditional_text_reads_the_same_in_big5_and_others(write_report: WriteReport, encoding: str) -> None:
    source = load.read(write_report(TRADITIONAL.encode(encoding), f"t-{encoding}.txt"))
    assert source.text == TRADITIONAL


def test_path_is_kept_as_given(write_report: WriteReport, small_report_text: str) -> None:
    path = write_report(small_report_text)
    assert load.read(path).path == str(path)
    assert load.read(str(path)).path == str(path)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_newlines_are_normalised(write_report: WriteReport, small_report_text: str, newline: str) -> None:
    source = load.read(write_report(small_report_text.replace("\n", newline)))
    assert source.text == small_report_text


def test_text_is_otherwise_left_alone(write_report: WriteReport) -> None:
    """Page furniture and odd spacing are the segment stage's business, not load's."""
    text = "下载\n打印\n【字号:\n\n  一、工作回顾\u3000\n\t正文。  \n"
    assert load.read(write_report(text)).text == text


# --------------------------------------------------------------------------- bad input


def _problem(path: Path) -> str:
    with pytest.raises(ReportError) as caught:
        load.read(path)
    err = caught.value
    assert err.path == str(path)
    assert str(path) in str(err)
    assert "\n" not in str(err)
    return err.problem


def test_empty_file(write_report: WriteReport) -> None:
    assert _problem(write_report(b"")) == "file is empty"


@pytest.mark.parametrize("blank", [" \n\t\n", "\u3000\r\n", "\ufeff\n  "])
def test_whitespace_only_file(write_report: WriteReport, blank: str) -> None:
    assert _problem(write_report(blank)) == "file has no text"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"PK\x03\x04" + b"\x00" * 40,
        bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 100,
    ],
    ids=["png", "zip", "controls"],
)
def test_binary_file(write_report: WriteReport, data: bytes) -> None:
    assert _problem(write_report(data, "x.txt")) == "looks like a binary file, not a text report"


@pytest.mark.parametrize("data", [b"\xff" * 50, "报告\n".encode() + b"\x80\xff\xfe\x80" * 20])
def test_undecodable_file(write_report: WriteReport, data: bytes) -> None:
    assert _problem(write_report(data)) == "cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text"


def test_too_large_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: costs no disk and no time
        fh.truncate(load.MAX_BYTES + 1)
    assert _problem(path) == "file is larger than 50 MB; split it first"


def test_missing_file(tmp_path: Path) -> None:
    assert _problem(tmp_path / "nope.txt") == "no such file or folder"


def test_unreadable_file(write_report: WriteReport, small_report_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_report(small_report_text)

    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    assert _problem(path) == "cannot read: permission denied"


# --------------------------------------------------------------------------- HTML


PAGE = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>和风街道 2024年上半年工作报告 &amp; 计划</title>
<style>p { color: red }</style><script>var x = "<p>不是正文</p>";</script></head>
<body>
<header>首页 &gt; 政务公开</header>
<nav><ul><li>导航一</li><li>导航二</li></ul></nav>
<h1>和风街道办事处2024年上半年工作报告</h1>
<div class="content"><p>一、上半年工作总结</p>
<p>(一)经济发展稳中有进。规上工业增加值增长8.5%,<b>新增企业12家</b>。</p>
<p>&ldquo;幸福社区&rdquo;土地整备利益统筹项目&nbsp;完成签约。<br>第二行</p></div>
<footer>版权所有 网站地图</footer>
</body></html>
"""


def test_html_tags_are_stripped_and_title_kept(write_report: WriteReport) -> None:
    source = load.read(write_report(PAGE, "page.html"))
    assert source.meta["title"] == "和风街道 2024年上半年工作报告 & 计划"
    lines = source.text.splitlines()
    assert "和风街道办事处2024年上半年工作报告" in lines
    assert "一、上半年工作总结" in lines
    assert "(一)经济发展稳中有进。规上工业增加值增长8.5%,新增企业12家。" in lines
    assert "“幸福社区”土地整备利益统筹项目 完成签约。" in lines
    assert "第二行" in lines
    for gone in ("<", "&gt;", "color", "不是正文", "导航", "首页", "版权所有"):
        assert gone not in source.text


def test_html_is_detected_from_content_not_name(write_report: WriteReport) -> None:
    source = load.read(write_report("<html><body><p>正文一。</p><p>正文二。</p></body></html>", "page.txt"))
    assert source.text.splitlines() == ["正文一。", "正文二。"]


def test_html_in_gb18030(write_report: WriteReport) -> None:
    source = load.read(write_report(PAGE.replace("utf-8", "gbk"), "page.htm", encoding="gb18030"))
    assert source.meta["title"].startswith("和风街道")


def test_page_with_no_visible_text(write_report: WriteReport) -> None:
    path = write_report("<html><head><title>空</title></head><body><script>x()</script></body></html>", "e.html")
    assert _problem(path) == "file has no text"


def test_plain_text_with_angle_brackets_is_not_html(write_report: WriteReport) -> None:
    text = "《关于印发<工作方案>的通知》要求增长率<5%。\n"
    assert load.read(write_report(text)).text == text


# --------------------------------------------------------------------------- finding inputs


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """reports/ with nested folders, non-reports, hidden files and sidecars."""
    root = tmp_path / "reports"
    for name in [
        "b.txt", "a.md", "c.html", "d.htm", "e.text", "UPPER.TXT",
        "sub/z.txt", "sub/deeper/y.txt",
        "notes.pdf", "a.meta.json", ".hidden.txt", ".git/x.txt", "sub/.cache/w.txt",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("正文。\n", encoding="utf-8")
    return root


def _names(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_folder_is_searched_recursively_for_reports_only(tree: Path) -> None:
    assert _names(load.find_inputs([tree]), tree) == [
        "UPPER.TXT", "a.md", "b.txt", "c.html", "d.htm", "e.text", "sub/deeper/y.txt", "sub/z.txt",
    ]


def test_order_and_duplicates_do_not_matter(tree: Path) -> None:
    files = [tree / "sub/z.txt", tree / "b.txt", tree / "a.md"]
    expected = load.find_inputs(files)
    assert expected == sorted(expected, key=str)
    assert load.find_inputs(list(reversed(files))) == expected
    assert load.find_inputs(files + files + [tree / "sub" / ".." / "b.txt"]) == expected
    assert load.find_inputs([tree, tree / "b.txt"]) == load.find_inputs([tree / "b.txt", tree])


def test_explicit_file_is_taken_whatever_its_ending(tree: Path) -> None:
    assert load.find_inputs([tree / "notes.pdf"]) == [tree / "notes.pdf"]


def test_globs(tree: Path) -> None:
    assert _names(load.find_inputs([str(tree / "*.txt")]), tree) == ["b.txt"]
    assert _names(load.find_inputs([str(tree / "**" / "*.txt")]), tree) == ["b.txt", "sub/deeper/y.txt", "sub/z.txt"]
    # a glob that matches a folder takes the reports in it; non-reports are dropped
    assert _names(load.find_inputs([str(tree / "s*")]), tree) == ["sub/deeper/y.txt", "sub/z.txt"]


def test_glob_with_no_reports(tree: Path) -> None:
    pattern = str(tree / "*.pdf")
    with pytest.raises(ReportError) as caught:
        load.find_inputs([pattern])
    assert caught.value.path == pattern
    assert caught.value.problem == "no reports found (looked for .txt, .md, .html)"


def test_missing_path(tmp_path: Path, tree: Path) -> None:
    missing = str(tmp_path / "missing")
    with pytest.raises(ReportError) as caught:
        load.find_inputs([tree, missing])
    assert caught.value.path == missing
    assert caught.value.problem == "no such file or folder"


def test_folder_with_no_reports(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    (empty / ".hidden").mkdir(parents=True)
    (empty / ".hidden" / "r.txt").write_text("正文", encoding="utf-8")
    (empty / "r.pdf").write_bytes(b"%PDF")
    with pytest.raises(ReportError) as caught:
        load.find_inputs([empty])
    assert caught.value.path == str(empty)
    assert caught.value.problem == "no reports found (looked for .txt, .md, .html)"
