"""Write a plain-text report as the files users have: a Word document and a printed PDF.

The tests make these themselves, from the text, so that what they check is
that each format reads back to the same report as the text it was made from.
"""
from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

#: Lines that are headings of a work report's parts (一、…) or its title: Word styles them as headings.
_PART_MARKS = ("一、", "二、", "三、", "四、", "五、")


def report_lines(text: str) -> list[str]:
    """The report's non-blank lines, stripped: one paragraph each."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _title_index(lines: list[str]) -> int:
    """Which line is the title: the first that names a report and is not a sentence or a part heading."""
    return next((i for i, line in enumerate(lines) if len(line) < 80 and "。" not in line
                 and ("工作报告" in line or "工作总结" in line) and not line.startswith(_PART_MARKS)), -1)


def write_docx(text: str, path: Path) -> Path:
    """The report as Word writes it: title and part headings in Heading styles, the 信息来源 line as a table."""
    import docx

    document = docx.Document()
    lines = report_lines(text)
    title = _title_index(lines)
    for i, line in enumerate(lines):
        if i == title:
            document.add_heading(line, level=0)
        elif line.startswith("信息来源") and " " in line:
            # a page's info line, as a one-row table: source in one cell, date in the other
            source, date = line.split(" ", 1)
            table = document.add_table(rows=1, cols=2)
            table.cell(0, 0).text = source
            table.cell(0, 1).text = date
        elif line.startswith(_PART_MARKS):
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def write_pdf(text: str, path: Path, font_file: Path | None = None) -> Path:
    """The report printed to PDF: a larger centred title, justified paragraphs indented two characters,
    page numbers in the footer.

    Without ``font_file`` the text is set in reportlab's built-in CID font
    STSong-Light, which needs no font file: its glyphs are named through
    Adobe's GB CMap, which reaches the middle dot · only as U+30FB (as GB 2312
    does), so that is how it is written. With a TrueType ``font_file`` the
    font is embedded as a subset with a ToUnicode map, as word processors do.
    """
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    if font_file is None:
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        font = "STSong-Light"
        pdfmetrics.registerFont(UnicodeCIDFont(font))
        text = text.replace("\u00b7", "\u30fb")
    else:
        from reportlab.pdfbase.ttfonts import TTFont

        font = "ReportCJK"
        pdfmetrics.registerFont(TTFont(font, str(font_file), subfontIndex=0))
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK", alignment=TA_JUSTIFY)
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=28, firstLineIndent=0, alignment=TA_CENTER)

    def footer(canvas: object, doc: object) -> None:
        canvas.setFont(font, 9)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")  # type: ignore[attr-defined]

    lines = report_lines(text)
    at = _title_index(lines)
    story = [
        Paragraph(line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), title if i == at else body)
        for i, line in enumerate(lines)
    ]
    SimpleDocTemplate(str(path), pagesize=A4, title="", author="").build(story, onFirstPage=footer, onLaterPages=footer)
    return path


@cache
def truetype_cjk_font() -> Path | None:
    """A Chinese TrueType font on this machine that reportlab can embed, if there is one.

    ``.ci/run`` installs fonts-wqy-microhei; OpenType-CFF fonts such as Noto CJK cannot be embedded by reportlab.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    candidates = [Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")]
    try:
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=30).stdout
        candidates += [Path(line.split(":")[0]) for line in listed.splitlines() if line.strip()]
    except (OSError, subprocess.SubprocessError):
        pass
    for path in candidates:
        if path.is_file() and path.suffix.lower() in (".ttf", ".ttc"):
            try:
                TTFont("probe", str(path), subfontIndex=0)
            except Exception:  # noqa: BLE001 - reportlab raises plain exceptions for CFF outlines
                continue
            return path
    return None
