"""The package as users install it: a wheel built from the checkout, installed (not editable) into a fresh
virtual environment, builds a report and validates its graph with the shapes it ships.

The fresh environment gets only the wheel; the libraries it depends on come from the environment running
the tests, through a ``.pth`` line, so nothing is downloaded. A path added that way is not scanned for
``.pth`` files, so the checkout's own editable install stays invisible there.
"""
from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import REPO, SMALL_REPORT

#: What a wheel is built from: the files an sdist of the project holds.
PROJECT_FILES = ("pyproject.toml", "README.md", "src")


def _run(argv: list[str | Path], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with reportgraph installed from a wheel; returns its bin folder."""
    pytest.importorskip("setuptools", minversion="70.1", reason="building a wheel needs setuptools >= 70.1 (test extra)")
    root = tmp_path_factory.mktemp("install")
    copy = root / "project"
    copy.mkdir()
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, copy / name)
    wheels = root / "wheels"
    done = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                 "--quiet", "-w", wheels, copy], cwd=root)
    assert done.returncode == 0, done.stderr
    (wheel,) = wheels.glob("reportgraph-*.whl")

    venv = root / "venv"
    done = _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=root)
    assert done.returncode == 0, done.stderr
    python = venv / "bin" / "python"
    done = _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet",
                 wheel], cwd=root)
    assert done.returncode == 0, done.stderr
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=root).stdout.strip())
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), *site.getsitepackages()}
    (purelib / "dependencies.pth").write_text("".join(f"{p}\n" for p in sorted(ours) if Path(p).is_dir()),
                                             encoding="utf-8")
    return venv / "bin"


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    done = _run([installed / "python", "-c", "import reportgraph.validate as v; print(v.__file__)"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    where = Path(done.stdout.strip())
    assert where.is_relative_to(installed.parent), where
    assert not where.is_relative_to(REPO)


def test_build_and_validate_from_a_normal_install(installed: Path, tmp_path: Path) -> None:
    """The shapes, the ontology and every data file are in the wheel: build finds its words, validate its shapes."""
    (tmp_path / "report.txt").write_text(SMALL_REPORT, encoding="utf-8")
    done = _run([installed / "reportgraph", "build", "report.txt", "--out", "out"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "reports:     1" in done.stdout
    done = _run([installed / "reportgraph", "validate", "--graph", "out"], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "conforms" in done.stdout
