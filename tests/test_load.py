"""load: finding report files and reading them as text, whatever the format and encoding."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

import govpages
import reportfiles
from conftest import WriteReport
from reportgraph import load
from reportgraph.errors import ReportError
from reportgraph.readers import docx as docx_reader
from reportgraph.readers import html as html_reader
from reportgraph.readers import pdf as pdf_reader

TRADITIONAL = (
    "某某市某某區和風街道辦事處2024年上半年工作報告\n"
    "一、上半年工作總結\n"
    "(一)經濟發展穩中有進。規上工業增加值增長8.5%,新增企業12家。\n"
    "幸福社區土地整備利益統籌項目完成簽約。\n"
)


def _problem(path: Path) -> str:
    """The one-line problem ``load.read`` reports for ``path``; it always names the file."""
    with pytest.raises(ReportError) as caught:
        load.read(path)
    err = caught.value
    assert err.path == str(path)
    assert str(path) in str(err)
    assert "\n" not in str(err)
    return err.problem


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("encoding", [
    "utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be",
])
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


# --------------------------------------------------------------------------- Markdown


def test_markdown_markup_is_dropped_line_for_line(write_report: WriteReport) -> None:
    md = (
        "---\ntitle: 草稿\n---\n"
        "# 某某市某某区和风街道办事处2024年上半年工作报告\n\n"
        "## 一、上半年工作总结\n\n"
        "**(一)经济发展稳中有进。**规上工业增加值增长8.5%,见[附表](table.html)。\n\n"
        "> 1.新增企业12家。\n"
        "- 幸福社区完成签约。\n\n"
        "| 指标 | 数值 |\n|---|---|\n| 新增企业 | 12家 |\n"
        "```\n代码 *不变*\n```\n"
    )
    lines = [line for line in load.read(write_report(md, "r.md")).text.splitlines() if line.strip()]
    assert lines == [
        "某某市某某区和风街道办事处2024年上半年工作报告",
        "一、上半年工作总结",
        "(一)经济发展稳中有进。规上工业增加值增长8.5%,见附表。",
        "1.新增企业12家。",
        "幸福社区完成签约。",
        "指标 数值",
        "新增企业 12家",
        "代码 *不变*",
    ]


def test_markdown_is_detected_from_content(write_report: WriteReport) -> None:
    source = load.read(write_report("## 一、工作总结\n正文。\n", "r.txt"))
    assert source.text.splitlines() == ["一、工作总结", "正文。"]


# --------------------------------------------------------------------------- bad input


def test_empty_file(write_report: WriteReport) -> None:
    assert _problem(write_report(b"")) == "file is empty"


@pytest.mark.parametrize("blank", [" \n\t\n", "\u3000\r\n", "\ufeff\n  "])
def test_whitespace_only_file(write_report: WriteReport, blank: str) -> None:
    assert _problem(write_report(blank)) == "file has no text"


@pytest.mark.parametrize(
    "data",
    [b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 100],
    ids=["executable", "controls"],
)
def test_binary_file(write_report: WriteReport, data: bytes) -> None:
    assert _problem(write_report(data, "x.txt")) == "looks like a binary file, not a text report"


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200),
     b"II*\x00" + bytes(100)],
    ids=["png", "jpeg", "tiff"],
)
def test_image_asks_for_ocr(write_report: WriteReport, data: bytes) -> None:
    assert _problem(write_report(data, "scan.txt")) == "is an image, not a text report: run OCR on it first"


def test_old_office_and_rtf_files_say_what_to_do(write_report: WriteReport) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    assert _problem(write_report(ole, "old.doc")) == load.OLD_OFFICE
    assert _problem(write_report(b"{\\rtf1\\ansi report}", "r.rtf")) == load.RTF


def test_zip_that_is_not_a_word_document(write_report: WriteReport) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert _problem(write_report(buffer.getvalue(), "book.xlsx")) == load.ZIP_NOT_DOCX
    assert _problem(write_report(b"PK\x03\x04" + b"\x00" * 40, "x.zip")) == load.ZIP_NOT_DOCX
    assert _problem(write_report(b"PK\x03\x04" + b"\x00" * 40, "cut.docx")) == docx_reader.NOT_DOCX


@pytest.mark.parametrize("data", [b"\xff" * 50, "报告\n".encode() + b"\x80\xff\xfe\x80" * 20])
def test_undecodable_file(write_report: WriteReport, data: bytes) -> None:
    assert _problem(write_report(data)) == "cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text"


def test_too_large_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as fh:  # sparse: costs no disk and no time
        fh.truncate(load.MAX_BYTES + 1)
    assert _problem(path) == load.TOO_LARGE


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


def test_html_article_is_found_and_titled(write_report: WriteReport) -> None:
    source = load.read(write_report(PAGE, "page.html"))
    # the <h1> is the article's title; <title> here is a different, site-made string
    assert source.meta["title"] == "和风街道办事处2024年上半年工作报告"
    assert source.text.splitlines() == [
        "和风街道办事处2024年上半年工作报告",
        "一、上半年工作总结",
        "(一)经济发展稳中有进。规上工业增加值增长8.5%,新增企业12家。",
        "“幸福社区”土地整备利益统筹项目 完成签约。",
        "第二行",
    ]


def test_html_is_detected_from_content_not_name(write_report: WriteReport) -> None:
    source = load.read(write_report("<html><body><p>正文一。</p><p>正文二。</p></body></html>", "page.txt"))
    assert source.text.splitlines() == ["正文一。", "正文二。"]


def test_html_in_gb18030(write_report: WriteReport) -> None:
    source = load.read(write_report(PAGE.replace("utf-8", "gbk"), "page.htm", encoding="gb18030"))
    assert source.meta["title"].startswith("和风街道")


def test_declared_gb2312_is_read_as_its_superset(write_report: WriteReport) -> None:
    """Pages say gb2312 and use GBK characters (壆 is not in GB 2312)."""
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>' \
           "<body><p>续建壆岗学校。</p></body></html>"
    assert load.read(write_report(page, "p.html", encoding="gb18030")).text == "续建壆岗学校。\n"


def test_page_with_no_visible_text(write_report: WriteReport) -> None:
    path = write_report("<html><head><title>空</title></head><body><script>x()</script></body></html>", "e.html")
    assert _problem(path) == html_reader.NO_ARTICLE


def test_list_page_has_no_article(write_report: WriteReport) -> None:
    report = govpages.Report("某某街道2024年工作报告", "某某街道办事处", "2024-07-15 10:30", ("一、正文。",))
    assert _problem(write_report(govpages.list_page(report), "list.html")) == html_reader.NO_ARTICLE


def test_plain_text_with_angle_brackets_is_not_html(write_report: WriteReport) -> None:
    text = "《关于印发<工作方案>的通知》要求增长率<5%。\n"
    assert load.read(write_report(text)).text == text


def test_html_source_line_breaks_are_not_line_breaks(write_report: WriteReport) -> None:
    page = "<html><body><div class='article'><p>规上工业增加值\n  增长8.5%,\n社会消费品零售总额增长6.2%。</p></div></body></html>"
    assert load.read(write_report(page, "p.html")).text == "规上工业增加值增长8.5%, 社会消费品零售总额增长6.2%。\n"


def test_hidden_and_link_list_blocks_are_dropped(write_report: WriteReport) -> None:
    page = """<html><body><div class="main">
    <div style="display: none">隐藏的重复正文。</div>
    <p>一、正文第一段，有内容。</p><p>正文第二段。</p>
    <ul><li><a href="/1">相关新闻一</a></li><li><a href="/2">相关新闻二</a></li></ul>
    <p>上一篇：<a href="/p">某某街道2023年工作总结</a></p>
    </div></body></html>"""
    assert load.read(write_report(page, "p.html")).text.splitlines() == ["一、正文第一段，有内容。", "正文第二段。"]


def test_a_wrapper_with_a_furniture_name_is_kept_when_it_holds_the_article(write_report: WriteReport) -> None:
    page = "<html><body><div class='page-header nav'><p>一、正文第一段，有内容。</p><p>正文第二段。</p></div>" \
           "<div class='footer'>版权所有，网站地图。</div></body></html>"
    assert load.read(write_report(page, "p.html")).text.splitlines() == ["一、正文第一段，有内容。", "正文第二段。"]


def test_unclosed_inline_tags_lose_nothing(write_report: WriteReport) -> None:
    """Old pages leave a <font> open per line: thousands deep, the article must still be whole."""
    lines = [f"第{i}段，有内容。" for i in range(3000)]
    page = "<html><body><div class=nav><a href=/>首页</a></div><div id=zoom>" + "".join(
        f"<font face=仿宋_GB2312>{line}<br>" for line in lines) + "</div></body></html>"
    assert load.read(write_report(page, "deep.html")).text.splitlines() == lines


@pytest.mark.parametrize("layout", sorted(govpages.TEMPLATES))
def test_government_page_layouts(tmp_path: Path, bundled_report: Path, layout: str) -> None:
    """Each layout gives the title, the body paragraphs exactly, the page's 信息来源 and date, and nothing else."""
    report = govpages.split_plain_report(bundled_report.read_text(encoding="utf-8"))
    path = govpages.write_pages(report, tmp_path, [layout])[layout]
    source = load.read(path)
    assert source.text.splitlines() == [report.title, *report.paragraphs]
    assert source.meta["title"] == report.title
    assert source.meta["date"][:10] == report.date[:10]
    assert source.meta.get("source", source.meta.get("issuer")) == report.source
    for furniture in govpages.FURNITURE:
        assert furniture not in source.text


def test_page_saved_as_one_mhtml_file(tmp_path: Path, bundled_report: Path) -> None:
    """IE and 360 browsers save a page as .mht: MIME parts, the HTML quoted-printable in GB2312."""
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    report = govpages.split_plain_report(bundled_report.read_text(encoding="utf-8"))
    message = MIMEMultipart("related")
    message["Subject"] = report.title
    page = govpages.TEMPLATES["hanweb_table"](report)
    html = MIMEText(page, "html", "gb18030")
    html.set_param("charset", "gb2312")  # as declared; the page has GBK characters all the same
    message.attach(html)
    message.attach(MIMEText("body { color: red }", "css", "utf-8"))
    path = tmp_path / "page.mht"
    path.write_bytes(("From: <Saved by Windows Internet Explorer 11>\n" + message.as_string()).encode("ascii"))
    source = load.read(path)
    assert source.text.splitlines() == [report.title, *report.paragraphs]
    assert source.meta["date"] == report.date[:10]


# --------------------------------------------------------------------------- Word


def test_docx_headings_paragraphs_and_table_rows(tmp_path: Path) -> None:
    text = (
        "某某市某某区和风街道办事处2024年上半年工作报告\n"
        "信息来源:某某市某某区和风街道办事处 信息提供日期:2024-07-15 10:30\n"
        "一、上半年工作总结\n"
        "(一)经济发展稳中有进。新增企业12家。\n"
    )
    path = reportfiles.write_docx(text, tmp_path / "r.docx")
    assert load.read(path).text == text


def test_docx_is_detected_from_content(tmp_path: Path) -> None:
    path = reportfiles.write_docx("某某街道2024年工作报告\n一、正文。\n", tmp_path / "r.docx")
    renamed = path.rename(tmp_path / "r.bin")
    assert load.read(renamed).text == "某某街道2024年工作报告\n一、正文。\n"


def _numbered_docx(path: Path) -> Path:
    """Headings numbered by Word's list numbering (一、 and （一）), not typed: the numbers are not in the text."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    document.add_heading("某某街道2024年工作报告", level=0)
    numbered("工作总结", 0)
    numbered("经济发展。新增企业12家。", 1)
    numbered("城市建设。新建公园2个。", 1)
    numbered("具体做法。", 2)
    numbered("存在问题", 0)
    numbered("产业结构单一。", 1)
    document.save(str(path))
    return path


def test_docx_list_numbers_are_written_out(tmp_path: Path) -> None:
    text = load.read(_numbered_docx(tmp_path / "n.docx")).text
    assert text.splitlines() == [
        "某某街道2024年工作报告", "一、工作总结", "（一）经济发展。新增企业12家。", "（二）城市建设。新建公园2个。",
        "1.具体做法。", "二、存在问题", "（一）产业结构单一。",
    ]


@pytest.mark.parametrize("n, expected", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (105, "一百零五"), (1010, "一千零一十")])
def test_chinese_list_numbers(n: int, expected: str) -> None:
    assert docx_reader._format_number(n, "chineseCounting") == expected


def test_damaged_docx(tmp_path: Path) -> None:
    good = reportfiles.write_docx("某某街道2024年工作报告\n一、正文。\n", tmp_path / "r.docx").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            if item.filename != "[Content_Types].xml":
                dst.writestr(item, src.read(item))
    path = tmp_path / "broken.docx"
    path.write_bytes(buffer.getvalue())
    assert _problem(path) == docx_reader.NOT_DOCX


# --------------------------------------------------------------------------- PDF

PDF_REPORT = (
    "某某市某某区和风街道办事处2024年上半年工作报告和下半年工作计划\n"
    "一、上半年工作总结\n"
    + "(一)经济发展稳中有进。" + "规上工业增加值增长8.5%,社会消费品零售总额增长6.2%。" * 6 + "\n"
    + "(二)城市建设提质增效。幸福社区新建口袋公园2个。\n"
    + "二、下半年工作计划\n"
    + "(一)抓经济。" + "力争全年规上工业增加值增长6%以上,新增企业20家以上。" * 40 + "\n"
)


def test_pdf_paragraphs_come_back_one_a_line(tmp_path: Path) -> None:
    """Wrapped lines are joined, the title's too; page numbers are gone; a paragraph crossing a page stays whole."""
    path = reportfiles.write_pdf(PDF_REPORT, tmp_path / "r.pdf")
    assert load.read(path).text == PDF_REPORT


def test_pdf_with_embedded_truetype_font(tmp_path: Path) -> None:
    font = reportfiles.truetype_cjk_font()
    if font is None:
        pytest.skip("no Chinese TrueType font on this machine (.ci/run installs fonts-wqy-microhei)")
    path = reportfiles.write_pdf(PDF_REPORT, tmp_path / "r.pdf", font)
    assert load.read(path).text == PDF_REPORT


def test_pdf_is_detected_from_content(tmp_path: Path) -> None:
    path = reportfiles.write_pdf("某某街道2024年工作报告\n一、正文。\n", tmp_path / "r.txt")
    assert load.read(path).text == "某某街道2024年工作报告\n一、正文。\n"


def _image_only_pdf(path: Path) -> Path:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from PIL import Image

    image = Image.new("L", (60, 80), 255)
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(ImageReader(image), 50, 50, 300, 400)
    pdf.showPage()
    pdf.save()
    return path


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    problem = _problem(_image_only_pdf(tmp_path / "scan.pdf"))
    assert problem == pdf_reader.NEEDS_OCR and "OCR" in problem


def test_password_protected_pdf(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.drawString(72, 720, "report")
    pdf.save()
    assert _problem(path) == pdf_reader.ENCRYPTED


def test_damaged_pdf(tmp_path: Path) -> None:
    data = reportfiles.write_pdf("某某街道2024年工作报告\n一、正文。\n", tmp_path / "r.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    assert _problem(cut) in (pdf_reader.DAMAGED, pdf_reader.NEEDS_OCR)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + b"garbage " * 100)
    assert _problem(junk) in (pdf_reader.DAMAGED, pdf_reader.NEEDS_OCR)


# --------------------------------------------------------------------------- finding inputs


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """reports/ with nested folders, non-reports, hidden files, sidecars, a README and Word lock files."""
    root = tmp_path / "reports"
    for name in [
        "b.txt", "a.md", "c.html", "d.htm", "e.text", "UPPER.TXT", "f.docx", "g.pdf",
        "sub/z.txt", "sub/deeper/y.txt",
        "notes.csv", "a.meta.json", "b.meta.yaml", "README.md", "sub/readme.txt", "~$f.docx",
        ".hidden.txt", ".git/x.txt", "sub/.cache/w.txt",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("正文。\n", encoding="utf-8")
    return root


def _names(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_folder_is_searched_recursively_for_reports_only(tree: Path) -> None:
    assert _names(load.find_inputs([tree]), tree) == [
        "UPPER.TXT", "a.md", "b.txt", "c.html", "d.htm", "e.text", "f.docx", "g.pdf", "sub/deeper/y.txt", "sub/z.txt",
    ]


def test_order_and_duplicates_do_not_matter(tree: Path) -> None:
    files = [tree / "sub/z.txt", tree / "b.txt", tree / "a.md"]
    expected = load.find_inputs(files)
    assert expected == sorted(expected, key=str)
    assert load.find_inputs(list(reversed(files))) == expected
    assert load.find_inputs(files + files + [tree / "sub" / ".." / "b.txt"]) == expected
    assert load.find_inputs([tree, tree / "b.txt"]) == load.find_inputs([tree / "b.txt", tree])


def test_explicit_file_is_taken_whatever_its_name(tree: Path) -> None:
    assert load.find_inputs([tree / "notes.csv"]) == [tree / "notes.csv"]
    assert load.find_inputs([tree / "README.md"]) == [tree / "README.md"]


def test_globs(tree: Path) -> None:
    assert _names(load.find_inputs([str(tree / "*.txt")]), tree) == ["b.txt"]
    assert _names(load.find_inputs([str(tree / "**" / "*.txt")]), tree) == ["b.txt", "sub/deeper/y.txt", "sub/z.txt"]
    # a glob that matches a folder takes the reports in it; non-reports are dropped
    assert _names(load.find_inputs([str(tree / "s*")]), tree) == ["sub/deeper/y.txt", "sub/z.txt"]
    # a glob does not name README.md explicitly
    assert _names(load.find_inputs([str(tree / "*.md")]), tree) == ["a.md"]


def test_glob_with_no_reports(tree: Path) -> None:
    pattern = str(tree / "*.csv")
    with pytest.raises(ReportError) as caught:
        load.find_inputs([pattern])
    assert caught.value.path == pattern
    assert caught.value.problem == load.NO_REPORTS


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
    (empty / "r.csv").write_bytes(b"a,b")
    (empty / "README.md").write_text("# 说明", encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        load.find_inputs([empty])
    assert caught.value.path == str(empty)
    assert caught.value.problem.startswith("no reports found (looked for .txt, .text, .md")
    assert ".docx" in caught.value.problem and ".pdf" in caught.value.problem


def test_a_glob_does_not_follow_links_out_of_its_folder(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("正文。\n", encoding="utf-8")
    root = tmp_path / "reports"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("正文。\n", encoding="utf-8")
    (root / "sub" / "b.txt").write_text("正文。\n", encoding="utf-8")
    (root / "x.txt").symlink_to(outside / "secret.txt")
    (root / "linked").symlink_to(outside, target_is_directory=True)
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)
    warnings: list[ReportError] = []
    found = load.find_inputs([str(root / "**" / "*.txt")], warnings=warnings)
    assert _names(found, root) == ["a.txt", "sub/b.txt"]
    assert [(Path(w.path).name, w.problem.split(",")[0]) for w in warnings] == [
        ("x.txt", f"skipped: a link to {outside / 'secret.txt'}")]
    followed = load.find_inputs([str(root / "*.txt")], follow_links=True)
    assert _names(followed, root) == ["a.txt", "x.txt"]


def test_a_few_stray_nul_bytes_are_text(write_report: WriteReport) -> None:
    body = "（一）经济发展稳中有进，新增企业12家。\n" * 20
    path = write_report(f"某某街道2024年工作报告\n一、正文\x00。\n{body}".encode())
    assert load.read(path).text == f"某某街道2024年工作报告\n一、正文。\n{body}"
    with pytest.raises(ReportError, match="looks like a binary file"):
        load.read(write_report(b"PK-like \x00\x00\x00\x00 " + bytes(range(256)) * 4, "blob.txt"))


def test_text_and_what_the_file_says_are_cleaned(write_report: WriteReport) -> None:
    page = ("<html><head><title>某某街道\u202e2024年工作报告\x1b[31m</title></head><body><div>"
            "<p>一、工作\u200b总结。新增企业12家。</p></div></body></html>")
    source = load.read(write_report(page, "page.html"))
    assert source.meta["title"] == "某某街道2024年工作报告"
    assert source.text == "某某街道2024年工作报告\n一、工作总结。新增企业12家。\n"


def test_text_given_directly_passes_the_same_door_as_a_files(write_report: WriteReport) -> None:
    text = "某某街道\u202e2024年工作报告\x1b[31m\r\n一、工作\u200b总结。新增企业12家。\n"
    given = load.from_text(text, "given\x1b.txt", meta={"title": "某某街道\u2066报告\n", "date": "\u200b"})
    assert given.text == load.read(write_report(text)).text == "某某街道2024年工作报告\n一、工作总结。新增企业12家。\n"
    assert given.path == "given\\x1b.txt"
    assert given.meta == {"title": "某某街道报告"}
    with pytest.raises(ReportError, match="^x: file has no text$"):
        load.from_text("\u200b \x07\n", "x")


def test_a_name_that_is_not_utf8_is_read_and_shown_with_its_bytes(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/\xff-report.txt"
    with open(raw, "wb") as fh:
        fh.write("某某街道2024年工作报告\n一、正文。\n".encode())
    [found] = load.find_inputs([tmp_path])
    source = load.read(found)
    assert source.path == f"{tmp_path}/\\xff-report.txt"
    assert source.text == "某某街道2024年工作报告\n一、正文。\n"
