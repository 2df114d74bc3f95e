"""wordcut: jieba's cut, its dictionary built in a helper process while a one-input build starts, the same words."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportgraph import wordcut

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork") or sys.platform == "darwin",
                                reason="the helper is forked")

#: Texts of every shape a cut is asked (as Python source, made in the fresh process): words, figures, Latin and
#: spaces, line breaks, controls, characters beyond the BMP, nothing at all, and texts larger than a pipe's buffer.
TEXTS = ('["推进城市更新单元规划", "", "完成固定资产投资12.5亿元，同比增长8%", "a b\\nc\\r\\n\\tD", '
         '"\\x00\\x1f表情😀𠀀字", "长" * 100_000, "深圳市宝安区沙井街道" * 5_000]')


def _run(code: str) -> list[str]:
    """``code`` in a fresh process (no dictionary built yet, as a build starts); its output's lines."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_helper_cuts_as_rjieba_does_and_this_process_builds_no_dictionary() -> None:
    lines = _run(
        "import os, sys\nfrom reportgraph import wordcut\n"
        "print(wordcut.start_helper())\n"
        f"texts = {TEXTS}\ngot = [wordcut.cut(t) for t in texts]\n"
        "print('rjieba' in sys.modules)\n"
        "import rjieba\n"
        "print(got == [rjieba.cut(t, hmm=False) for t in texts], len(texts))\n"
        "wordcut.stop_helper()\n"
        "try:\n    os.waitpid(-1, os.WNOHANG)\nexcept ChildProcessError:\n    print('no child left')\n"
    )
    assert lines == ["True", "False", "True 7", "no child left"]


def test_a_helper_that_died_or_failed_leaves_the_cut_to_this_process() -> None:
    """A text the helper cannot cut (a lone surrogate) fails here as it fails without a helper; a helper that
    was killed is let go of, and the cut is made here."""
    lines = _run(
        "import os, signal\nfrom reportgraph import wordcut\n"
        "wordcut.start_helper()\n"
        "print(wordcut.cut('推进城市更新'))\n"
        "try:\n    wordcut.cut('字\\ud800字')\nexcept UnicodeEncodeError:\n    print('refused')\n"
        "os.kill(wordcut._helper.pid, signal.SIGKILL)\n"
        "print(wordcut.cut('城市更新单元'), wordcut._helper)\n"
    )
    assert lines == ["['推进', '城市更新']", "refused", "['城市更新', '单元'] None"]


def test_a_process_forked_from_the_build_cuts_by_itself_and_leaves_the_helper_to_its_parent() -> None:
    lines = _run(
        "import os\nfrom reportgraph import wordcut\n"
        "wordcut.start_helper()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    words = wordcut.cut('推进城市更新')\n"
        "    wordcut.stop_helper()\n"
        "    os._exit(0 if words == ['推进', '城市更新'] and 'rjieba' in __import__('sys').modules else 1)\n"
        "print(os.waitpid(pid, 0)[1], wordcut.cut('城市更新单元'), wordcut._helper is not None)\n"
    )
    assert lines == ["0 ['城市更新', '单元'] True"]


def test_no_helper_where_the_dictionary_is_built_already_or_threads_run() -> None:
    wordcut.load()  # this process (pytest's) may have cut already: now it has surely
    assert not wordcut.start_helper() and wordcut._helper is None
    lines = _run(
        "import threading, time\nfrom reportgraph import wordcut\n"
        "threading.Thread(target=time.sleep, args=(0.5,)).start()\n"
        "print(wordcut.start_helper())\n"
    )
    assert lines == ["False"]


def test_a_one_input_build_with_its_helper_writes_the_graph_a_build_without_one_writes(
        tmp_path: Path, bundled_report: Path) -> None:
    from reportgraph import cli

    code = (
        "import os, sys\nfrom reportgraph import cli, wordcut\n"
        "started = []\nstart = wordcut.start_helper\n"
        "wordcut.start_helper = lambda: started.append(start()) or started[-1]\n"
        f"assert cli.main(['build', {str(bundled_report)!r}, '--out', {str(tmp_path / 'helped')!r}, '--quiet']) == 0\n"
        "print(started, 'rjieba' in sys.modules, wordcut._helper)\n"
        "try:\n    os.waitpid(-1, os.WNOHANG)\nexcept ChildProcessError:\n    print('no child left')\n"
    )
    assert _run(code) == ["[True] False None", "no child left"]
    wordcut.load()  # here: no helper
    assert cli.main(["build", str(bundled_report), "--out", str(tmp_path / "alone"), "--quiet"]) == 0
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "helped" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes()
