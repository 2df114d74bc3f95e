"""Hostile input: every kind issue 15 names, generated here, never loses a batch, never runs away.

Each case writes one hostile file next to a good report and builds the folder:
the hostile file is one clean line naming it and its problem (or, where the
file is odd but harmless, it builds), the good report is in the graph, and
the whole takes seconds. The same files are then built together through the
real command line in a subprocess: no traceback anywhere, every bad file
named once, every good one in graph.ttl.
"""
from __future__ import annotations

import json
import os
import socket
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib

from conftest import OTHER_REPORT, SMALL_REPORT
from reportgraph import cli, pipeline, workers
from reportgraph.errors import ReportError, printable
from reportgraph.limits import Limits
from reportgraph.vocab import rg

#: A hostile case that once took minutes must take seconds; this bound is generous so it never flakes.
SECONDS = 30
MB = 1024 * 1024
SOURCE_FILE = rdflib.URIRef(rg("sourceFile"))


def report_text(tag: str) -> str:
    """The small report with its names changed, so that every buildable case is a report of its own."""
    return SMALL_REPORT.replace("和风", f"和风{tag}").replace("幸福", f"幸福{tag}")


# --------------------------------------------------------------------------- Word documents

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
).encode()
_PACKAGE_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/></Relationships>'
).encode()
_CORE = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>report</dc:title></cp:coreProperties>').encode()


def _paragraphs(text: str, properties: str = "") -> str:
    return "".join(f"<w:p>{properties}<w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.splitlines() if line.strip())


def _document(body: str, prolog: str = "") -> bytes:
    return f'<?xml version="1.0"?>{prolog}<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'.encode()


def write_docx(path: Path, parts: dict[str, bytes | Callable[[zipfile.ZipFile, str], None]]) -> Path:
    """A Word package: the usual parts (the small report as its text), ``parts`` added or replacing them;
    a callable part writes itself (to stream a large member)."""
    every: dict[str, bytes | Callable[[zipfile.ZipFile, str], None]] = {
        "[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _PACKAGE_RELS, "docProps/core.xml": _CORE,
        "word/document.xml": _document(_paragraphs(report_text(path.stem))),
    }
    every.update(parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in every.items():
            if callable(data):
                data(archive, name)
            else:
                archive.writestr(name, data)
    return path


def zeros(megabytes: int) -> Callable[[zipfile.ZipFile, str], None]:
    """A member of ``megabytes`` MB of zeros, streamed: a zip bomb's payload."""
    def write(archive: zipfile.ZipFile, name: str) -> None:
        block = bytes(MB)
        with archive.open(name, "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(block)
    return write


def understate(path: Path, member: str, size: int) -> Path:
    """Make the central directory claim ``member`` unpacks to ``size`` bytes: a header that lies."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_length] == member.encode():
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def billion_laughs() -> str:
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return f"<!DOCTYPE w:document [{entities}]>"


def _docx_numbering(path: Path) -> Path:
    """A list whose counter starts at a trillion, in Roman numerals: spelling it out would never end."""
    numbering = (f'<w:numbering xmlns:w="{_W}"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
                 '<w:start w:val="1000000000000"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1."/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>')
    listed = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    text = report_text("roman")
    body = _paragraphs(text.splitlines()[0]) + _paragraphs("\n".join(text.splitlines()[1:]), listed)
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId9" Type="{_REL}/numbering" Target="numbering.xml"/></Relationships>')
    return write_docx(path, {"word/document.xml": _document(body), "word/numbering.xml": numbering.encode(),
                             "word/_rels/document.xml.rels": rels.encode()})


def _docx_style_chain(path: Path, depth: int = 3000) -> Path:
    """Each style based on the next, every paragraph in the first: a chain walked once per paragraph was quadratic."""
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="s{i}"><w:basedOn w:val="s{i + 1}"/></w:style>'
                     for i in range(depth))
    styled = '<w:pPr><w:pStyle w:val="s0"/></w:pPr>'
    body = _paragraphs(report_text("styles"), styled) + _paragraphs("各项工作有序推进。\n" * depth, styled)
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId8" Type="{_REL}/styles" Target="styles.xml"/></Relationships>')
    return write_docx(path, {"word/document.xml": _document(body),
                             "word/styles.xml": f'<w:styles xmlns:w="{_W}">{styles}</w:styles>'.encode(),
                             "word/_rels/document.xml.rels": rels.encode()})


def _docx_rels_loop(path: Path, chain: int = 3000) -> Path:
    """Relationships that loop back to the document and chain through thousands of parts (python-docx recursed)."""
    def rels(*targets: str) -> bytes:
        inner = "".join(f'<Relationship Id="r{n}" Type="{_REL}/customXml" Target="{t}"/>' for n, t in enumerate(targets))
        return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{inner}</Relationships>'.encode()

    parts: dict[str, bytes | Callable[[zipfile.ZipFile, str], None]] = {
        "word/_rels/document.xml.rels": rels("document.xml", "p0.xml")}
    for i in range(chain):
        parts[f"word/p{i}.xml"] = b"<x/>"
        parts[f"word/_rels/p{i}.xml.rels"] = rels(f"p{i + 1}.xml", "document.xml")
    return write_docx(path, parts)


def _docx_nested_tables(path: Path, depth: int = 100) -> Path:
    body = "<w:tbl><w:tr><w:tc>" * depth + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * depth
    return write_docx(path, {"word/document.xml": _document(body)})


def _docx_many_parts(path: Path) -> Path:
    return write_docx(path, {f"word/media/p{i}.bin": b"" for i in range(10_001)})


def _docx_external_entity(path: Path, port: int) -> Path:
    prolog = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/xxe">]>'
    return write_docx(path, {"word/document.xml": _document("<w:p><w:r><w:t>&x;</w:t></w:r></w:p>", prolog)})


# --------------------------------------------------------------------------- PDF, web pages, sidecars


def write_pdf(path: Path, stream: bytes, filters: str = "/FlateDecode", pages: int = 1) -> Path:
    """A minimal PDF made by hand: ``pages`` pages sharing one content stream (raw bytes, its /Filter as given)."""
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters.encode()) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ] + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
         b"/Resources << /Font << /F1 4 0 R >> >> >>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))
    return path


def flate_zeros(megabytes: int) -> bytes:
    packer = zlib.compressobj(9)
    block = bytes(MB)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def _text_ops(lines: int) -> bytes:
    """A page of Latin text in Helvetica, one line each."""
    return b"BT /F1 10 Tf 72 760 Td " + b"".join(
        b"(Line %d of the district work report, with enough words to fill it.) Tj 0 -12 Td " % n
        for n in range(lines)) + b"ET"


def write_mht(path: Path, depth: int) -> Path:
    """A page saved as .mht whose HTML sits under ``depth`` nested multiparts (written by hand: the standard
    library's generator recurses per level too)."""
    page = f"<html><body><p>{report_text('mht')}</p></body></html>"
    opening = "".join(f'Content-Type: multipart/related; boundary="b{i}"\n\n--b{i}\n' for i in range(depth))
    closing = "".join(f"\n--b{i}--\n" for i in reversed(range(depth)))
    message = (f"From: <Saved by Windows Internet Explorer 11>\nMIME-Version: 1.0\n{opening}"
               f'Content-Type: text/html; charset="utf-8"\n\n{page}{closing}')
    return write(path, message)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def with_sidecar(path: Path, sidecar: str, content: str | bytes) -> Path:
    """A good report whose sidecar file is hostile; the error names the sidecar."""
    write(path, report_text(path.stem))
    return write(path.with_name(path.stem + sidecar), content)


# --------------------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Case:
    """One hostile input: how to write it into a folder, and the problem it must be named with (None: it builds)."""

    name: str
    make: Callable[[Path], Path]
    problem: str | None


CASES: list[Case] = [
    # Word
    Case("docx zip bomb (150 MB of zeros in a 150 KB file)",
         lambda d: write_docx(d / "bomb.docx", {"word/media/image1.png": zeros(150)}),
         "Word document unpacks to more than 100 MB (a zip bomb?)"),
    Case("docx that unpacks to 1000 times its size",
         lambda d: write_docx(d / "ratio.docx", {"word/media/image1.png": zeros(30)}),
         "times its size"),
    Case("docx whose header understates its document (150 MB claimed as 100 bytes)",
         lambda d: understate(write_docx(d / "liar.docx", {"word/document.xml": zeros(150)}),
                              "word/document.xml", 100),
         "word/document.xml cannot be unpacked"),
    Case("docx with malformed document.xml",
         lambda d: write_docx(d / "bad-document.docx", {"word/document.xml": b"<w:document><w:body></w:document>"}),
         "word/document.xml is not well-formed XML"),
    Case("docx with malformed core.xml",
         lambda d: write_docx(d / "bad-core.docx", {"docProps/core.xml": b"<cp:coreProperties><dc:title>"}),
         "docProps/core.xml is not well-formed XML"),
    Case("docx with malformed [Content_Types].xml",
         lambda d: write_docx(d / "bad-types.docx", {"[Content_Types].xml": b"<Types><Default"}),
         "[Content_Types].xml is not well-formed XML"),
    Case("docx with billion-laughs entities",
         lambda d: write_docx(d / "laughs.docx", {
             "word/document.xml": _document("<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>", billion_laughs())}),
         "declares entities that expand without end"),
    Case("docx with an internal DTD",
         lambda d: write_docx(d / "dtd.docx", {
             "word/document.xml": _document("<w:p><w:r><w:t>&e;</w:t></w:r></w:p>",
                                            '<!DOCTYPE w:document [<!ENTITY e "x">]>')}),
         "declares a DTD"),
    Case("docx with tables nested 100 deep (300 XML levels)", lambda d: _docx_nested_tables(d / "tables.docx"),
         "nests deeper than 256 levels"),
    Case("docx with a 12 MB text run",
         lambda d: write_docx(d / "run.docx", {"word/document.xml": _document(
             "<w:p><w:r><w:t>" + "字" * (4 * MB) + "</w:t></w:r></w:p>")}),
         "text run longer than 10 MB"),
    Case("docx of 10,001 parts", lambda d: _docx_many_parts(d / "parts.docx"), "parts, more than 10,000"),
    Case("password-protected docx (an OLE file)",
         lambda d: write(d / "locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)
                         + "EncryptedPackage".encode("utf-16-le") + bytes(500)),
         "password-protected Office document"),
    Case("docx whose rels loop and chain through 3,000 parts", lambda d: _docx_rels_loop(d / "rels.docx"), None),
    Case("docx list counter starting at a trillion in Roman numerals",
         lambda d: _docx_numbering(d / "roman.docx"), None),
    Case("docx with a 3,000-deep chain of base styles", lambda d: _docx_style_chain(d / "styles.docx"), None),
    # PDF
    Case("PDF Flate bomb (150 MB of zeros in 150 KB)", lambda d: write_pdf(d / "bomb.pdf", flate_zeros(150)),
         "PDF streams unpack to more than 100 MB (a compression bomb?)"),
    Case("PDF RunLength bomb (192 MB in 3 MB)",
         lambda d: write_pdf(d / "runs.pdf", b"\x81\x00" * (3 * MB // 2), "/RunLengthDecode"),
         "PDF streams unpack to more than 100 MB"),
    Case("PDF with a damaged Flate stream (pdfminer's fallback was quadratic)",
         lambda d: write_pdf(d / "damaged.pdf", zlib.compress(_text_ops(40) + b" " * (5 * MB))[:-40] + b"\x00junk"),
         None),
    Case("PDF with a 20 MB comment (pdfminer grows a token by copying it)",
         lambda d: write_pdf(d / "comment.pdf", zlib.compress(_text_ops(40) + b"\n%" + b"x" * (20 * MB) + b"\n")),
         "PDF holds a string, name or comment of more than 1 MB"),
    # web pages
    Case("mht with 2,000 nested multiparts", lambda d: write_mht(d / "nested.mht", 2000), "nested MIME parts"),
    Case("web page with 50,000 unclosed '<a ' (the tokenizer rescanned from each)",
         lambda d: write(d / "tags.html", "<html><body><p>" + report_text("tags").replace("\n", "</p><p>")
                         + "</p>" + "<a " * 50_000 + "</body></html>"),
         None),
    Case("web page with 100,000 unclosed comments",
         lambda d: write(d / "comments.html", "<html><body><p>" + report_text("comments").replace("\n", "</p><p>")
                         + "</p>" + "<!--" * 100_000),
         None),
    Case("web page of 250,000 elements", lambda d: write(d / "elements.html", "<html><body>" + "<p>一句话。" * 250_000),
         "more than 200,000 elements"),
    Case("Markdown line of 200,000 unclosed '['",
         lambda d: write(d / "brackets.md", report_text("brackets") + "\n# 附\n" + "[" * 200_000 + "\n"), None),
    # sidecars
    Case("JSON sidecar nested 200,000 deep",
         lambda d: with_sidecar(d / "deep.txt", ".meta.json", '{"title": ' + "[" * 200_000 + "]" * 200_000 + "}"),
         "nests deeper than 64 levels"),
    Case("YAML sidecar with an alias bomb",
         lambda d: with_sidecar(d / "aliases.txt", ".meta.yaml", "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
             f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
             + "title: *i\n"),
         "uses YAML aliases"),
    Case("YAML sidecar nested 10,000 deep",
         lambda d: with_sidecar(d / "deep-yaml.txt", ".meta.yaml", "title: " + "[" * 10_000 + "]" * 10_000 + "\n"),
         "nests deeper than 64 levels"),
    Case('JSON sidecar {"title": 5}', lambda d: with_sidecar(d / "number.txt", ".meta.json", '{"title": 5}'),
         "title must be text, not a number"),
    Case("JSON sidecar with a 5,000-digit number",
         lambda d: with_sidecar(d / "digits.txt", ".meta.json", '{"period": ' + "1" * 5000 + "}"), "not valid JSON"),
    Case("sidecar of 2 MB", lambda d: with_sidecar(d / "big.txt", ".meta.json", '{"title": "' + "x" * (2 * MB) + '"}'),
         "sidecar file is larger than 1 MB"),
    # names
    Case("report whose file name is not UTF-8",
         lambda d: Path(os.fsdecode(write_bytes_name(d, b"\xff\xfe-report.txt", report_text("bytes")))), None),
    Case("empty file whose name is not UTF-8",
         lambda d: Path(os.fsdecode(write_bytes_name(d, b"empty-\xff.txt", b""))), "file is empty"),
    Case("empty file whose name holds a newline, an ESC sequence and a bidi override",
         lambda d: write(d / "x\n\x1b[31mred\u202etxt.txt", b""), "file is empty"),
    # text
    Case("report text full of control, escape, bidi and zero-width characters",
         lambda d: write(d / "controls.txt", report_text("controls").replace("上半年", "上\x1b[31m半\u202e年\u200b")
                         .replace("幸福", "\x00幸\u2066福\ufeff").replace("\n", "\x0b\n", 3)), None),
    Case("report of 10.5 million characters", lambda d: write(d / "huge.txt", "a" * 10_499_999 + "\n"),
         "report text is 10,500,000 characters, more than 10,000,000"),
    Case("report with a line of 6.5 million characters",
         lambda d: write(d / "long-line.txt", report_text("line") + "x" * 6_500_000 + "\n"),
         "characters long, more than 6,000,000"),
]


def write_bytes_name(folder: Path, name: bytes, data: str | bytes) -> bytes:
    """Write a file whose name is raw bytes (not UTF-8), as a crawl or an old archive leaves them."""
    folder.mkdir(parents=True, exist_ok=True)
    path = os.fsencode(folder) + b"/" + name
    with open(path, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _one_line(error: ReportError) -> bool:
    text = str(error)
    return "\n" not in text and "\r" not in text and "\x1b" not in text and text == printable(text)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_input_is_one_line_and_the_batch_builds(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good = write(folder / "good.txt", OTHER_REPORT)
    hostile = case.make(folder)
    started = time.monotonic()
    result = pipeline.build([folder])
    assert time.monotonic() - started < SECONDS
    built = sorted(r.report.path for r in result.reports)
    if case.problem is None:
        assert result.errors == []
        assert built == sorted([str(good), printable(str(hostile))])
    else:
        assert [e.path for e in result.errors] == [printable(str(hostile))]
        error = result.errors[0]
        assert case.problem in error.problem and _one_line(error) and error.details is None
        assert built == [str(good)]


def test_the_whole_suite_through_the_command_line(tmp_path: Path) -> None:
    """Every case in one folder, built by the real command in a subprocess: no traceback, no batch lost."""
    folder = tmp_path / "in"
    goods = [write(folder / "good.txt", OTHER_REPORT), write(folder / "good2.txt", report_text("good2"))]
    made = {case: case.make(folder) for case in CASES}
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "reportgraph", "build", str(folder), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, errors="backslashreplace", timeout=6 * SECONDS)
    assert time.monotonic() - started < 6 * SECONDS
    assert "Traceback" not in run.stdout + run.stderr
    assert run.returncode == 1  # some inputs failed, the rest were written
    lines = run.stderr.splitlines()
    assert all(line.startswith(("reportgraph: error: ", "reportgraph: warning: ")) for line in lines), lines
    errors = [line for line in lines if line.startswith("reportgraph: error: ")]
    failing = {case: path for case, path in made.items() if case.problem}
    assert len(errors) == len(failing)
    for case, path in failing.items():
        named = f"reportgraph: error: {printable(str(path))}: "
        assert any(line.startswith(named) and case.problem in line for line in errors), (case.name, errors)
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    sources = {str(o) for o in graph.objects(None, SOURCE_FILE)}
    # rg:sourceFile names each file relative to the folder that was built, never where it is on this machine
    expected = {printable(p.relative_to(folder).as_posix()) for p in goods} | {
        printable(p.relative_to(folder).as_posix()) for c, p in made.items() if c.problem is None}
    assert sources == expected


# --------------------------------------------------------------------------- more than one file at a time


def test_an_external_entity_reaches_nothing(tmp_path: Path) -> None:
    """An XXE in a .docx is refused without a request: a listener the test opens on loopback hears nothing."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        path = _docx_external_entity(tmp_path / "xxe.docx", listener.getsockname()[1])
        result = pipeline.build([path, write(tmp_path / "good.txt", OTHER_REPORT)])
        with pytest.raises(BlockingIOError):
            listener.accept()
    assert [e.problem for e in result.errors] == [
        "cannot read the Word document: word/document.xml declares a DTD, which Word documents never do "
        "(an entity-expansion attack?)"]
    assert len(result.reports) == 1


def test_pdf_bounds_on_pages_and_time(tmp_path: Path) -> None:
    pages = write_pdf(tmp_path / "pages.pdf", zlib.compress(_text_ops(20)), pages=5)
    with pytest.raises(ReportError, match="PDF has more than 3 pages; split it, or raise the limit with --max-pdf-pages"):
        from reportgraph import load

        load.read(pages, Limits(pdf_pages=3))
    # megabytes of operators that draw nothing: only the deadline stops them
    busy = write_pdf(tmp_path / "busy.pdf", zlib.compress(b"q Q\n" * 2_000_000))
    started = time.monotonic()
    result = pipeline.build([busy, write(tmp_path / "good.txt", OTHER_REPORT)], limits=Limits(pdf_seconds=1))
    assert time.monotonic() - started < SECONDS
    assert [e.problem for e in result.errors] == [
        "reading the PDF took longer than 1 s; split it, or raise the limit with --pdf-timeout"]
    assert len(result.reports) == 1


def test_limits_can_be_raised(tmp_path: Path) -> None:
    """A bound a real file can meet is raised by passing Limits: the file then builds."""
    bomb = write_docx(tmp_path / "pictures.docx", {"word/media/image1.png": zeros(8)})
    tight = Limits(expanded_bytes=4 * MB)
    assert pipeline.build([bomb], limits=tight).errors[0].problem.startswith(
        "Word document unpacks to more than 4.0 MB (a zip bomb?); raise the limit with --max-expanded-mb")
    assert pipeline.build([bomb]).errors == []
    long = write(tmp_path / "long.txt", report_text("long"))
    assert "more than 100" in pipeline.build([long], limits=Limits(chars=100)).errors[0].problem
    assert pipeline.build([long], limits=Limits(chars=10_000)).errors == []


# --------------------------------------------------------------------------- links in folders


def _link_folder(tmp_path: Path) -> tuple[Path, Path]:
    outside = write(tmp_path / "elsewhere" / "secret.txt", report_text("secret"))
    folder = tmp_path / "in"
    write(folder / "good.txt", OTHER_REPORT)
    (folder / "sub").mkdir()
    (folder / "out.txt").symlink_to(outside)                       # a file outside
    (folder / "outdir").symlink_to(outside.parent, target_is_directory=True)  # a folder outside
    (folder / "same.txt").symlink_to(folder / "good.txt")          # a file inside: fine
    (folder / "loop.txt").symlink_to(folder / "loop.txt")          # a link to itself
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # back up the tree
    return folder, outside


def test_links_out_of_a_folder_are_not_followed_and_loops_are_named(tmp_path: Path) -> None:
    folder, outside = _link_folder(tmp_path)
    started = time.monotonic()
    result = pipeline.build([folder])
    assert time.monotonic() - started < SECONDS
    assert [r.report.path for r in result.reports] == [str(folder / "good.txt")]  # the inside link is the same file
    warned = {w.path: w.problem for w in result.warnings}
    assert warned == {
        str(folder / "out.txt"): f"skipped: a link to {outside}, outside the folder; pass --follow-links to read it",
        str(folder / "outdir"): f"skipped: a link to {outside.parent}, outside the folder; "
                                "pass --follow-links to read it",
        str(folder / "loop.txt"): "skipped: a link loop (it leads back to itself or to a folder above it)",
        str(folder / "sub" / "up"): "skipped: a link loop (it leads back to itself or to a folder above it)",
    }


def test_follow_links_reads_what_links_lead_to_once(tmp_path: Path) -> None:
    folder, outside = _link_folder(tmp_path)
    result = pipeline.build([folder], follow_links=True)
    assert sorted(r.report.path for r in result.reports) == [str(folder / "good.txt"), str(folder / "out.txt")]
    assert {w.path for w in result.warnings} == {str(folder / "loop.txt"), str(folder / "sub" / "up")}


def test_a_pipe_with_a_report_name_is_skipped_not_read_forever(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "good.txt", OTHER_REPORT)
    os.mkfifo(folder / "pipe.txt")
    result = pipeline.build([folder])
    assert len(result.reports) == 1
    assert [(w.path, w.problem) for w in result.warnings] == [
        (str(folder / "pipe.txt"), "is not a regular file (a pipe, socket or device): save the report to a file first")]
    with pytest.raises(ReportError, match="is not a regular file"):
        pipeline.build([folder / "pipe.txt"])


# --------------------------------------------------------------------------- options, lexicon, internal errors


@pytest.mark.parametrize("option", ["--title", "--issuer", "--region"])
def test_an_option_that_is_not_utf8_is_a_usage_error(option: str, tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", OTHER_REPORT)
    run = subprocess.run([sys.executable, "-m", "reportgraph", "build", os.fsencode(good), "--out",
                          os.fsencode(tmp_path / "out"), option.encode(), b"\xe6\x9f\x90\xff\xfe"],
                         capture_output=True, timeout=SECONDS)
    field = option[2:]
    assert run.returncode == 2
    assert run.stderr.decode() == (f"reportgraph: error: {option}: {field} is not UTF-8 text (it holds the byte "
                                   f"\\xff); give it in UTF-8\n")
    assert not (tmp_path / "out").exists()


def test_a_lexicon_line_with_an_empty_name(tmp_path: Path) -> None:
    lexicon = write(tmp_path / "names.tsv", "某某社区\tCommunity\n\tCompany\n")
    run = subprocess.run([sys.executable, "-m", "reportgraph", "build", str(write(tmp_path / "r.txt", OTHER_REPORT)),
                          "--out", str(tmp_path / "out"), "--lexicon", str(lexicon)],
                         capture_output=True, text=True, timeout=SECONDS)
    assert run.returncode == 2
    assert run.stderr.startswith(f"reportgraph: error: {lexicon}: line 2: empty name")
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1


def test_an_unexpected_failure_is_that_inputs_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A bug in a stage fails its input with 'internal error … please report', traceback kept; the batch builds."""
    first = write(tmp_path / "in" / "a.txt", report_text("crash"))
    write(tmp_path / "in" / "b.txt", OTHER_REPORT)
    real = workers.segment  # the per-input work (read, segment, extract) runs in reportgraph.workers

    def segment_that_breaks_on_a(source, stated):  # type: ignore[no-untyped-def]
        if source.path == str(first):
            raise KeyError("a key\nover two lines")
        return real(source, stated)

    monkeypatch.setattr(workers, "segment", segment_that_breaks_on_a)
    result = pipeline.build([tmp_path / "in"])
    assert [r.report.path for r in result.reports] == [str(tmp_path / "in" / "b.txt")]
    [error] = result.errors
    assert str(error) == f"{first}: internal error (KeyError: 'a key\\nover two lines') — please report"
    assert error.details is not None and "Traceback" in error.details and "segment_that_breaks_on_a" in error.details
    with pytest.raises(ReportError, match="internal error"):
        pipeline.build([tmp_path / "in"], strict=True)
    assert cli.main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 1
    out, err = capsys.readouterr()
    assert err == f"reportgraph: error: {first}: internal error (KeyError: 'a key\\nover two lines') — please report\n"
    assert "reports:     1" in out


# --------------------------------------------------------------------------- what hygiene leaves


def test_invisible_characters_do_not_reach_names_or_the_graph(tmp_path: Path) -> None:
    """Zero-width, bidi and escape characters inside names: the same names as the text without them, none kept."""
    plain = report_text("东")
    spoofed = plain.replace("幸福东社区", "幸福东\u200b社区").replace("和风东街道", "和风东\u202e街道\x1b[0m")
    write(tmp_path / "a" / "r.txt", plain)
    write(tmp_path / "b" / "r.txt", spoofed)
    write(tmp_path / "b" / "r.meta.json", json.dumps({"issuer": "某某市某某区和风东街道办事处\u2066\x07"}))
    expected, result = (pipeline.build([tmp_path / folder], strict=True) for folder in ("a", "b"))
    assert spoofed.count("\u200b") == 3
    [linked], [clean] = result.reports, expected.reports
    assert {(e.type, e.name) for e in linked.entities} == {(e.type, e.name) for e in clean.entities}
    assert linked.report.text == clean.report.text
    assert linked.report.issuer == "某某市某某区和风东街道办事处"
    hidden = set("\u200b\u202e\u2066\x1b\x07")
    literals = {str(o) for o in result.graph.objects() if isinstance(o, rdflib.Literal)}
    assert literals and not any(hidden & set(literal) for literal in literals)
