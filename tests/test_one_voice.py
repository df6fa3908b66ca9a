"""`bot.texts` is the only voice: no Vietnamese text in bot/ outside it (issue 9, Deliver 5).

Every string constant of bot/**/*.py (f-string parts included, docstrings excluded) that holds a
Vietnamese letter with a diacritic is a sentence, label or word the bot says, and belongs in
bot/texts/. The exceptions are lookup data, listed below with why: words the bot reads rather
than says (normalisation, routing vocabulary, commune names and types) and the team roles'
names, which are data the texts render.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"

# Lookup data: what the bot reads or looks up, not what it says.
LOOKUP_DATA: dict[str, str] = {
    "bot/normalize.py": "diacritic folding and Telex repair tables",
    "bot/shorthand.py": "chat shorthand → words (input normalisation)",
    "bot/lexicon.py": "routing vocabulary",
    "bot/communes.py": "commune types and name prefixes people type",
    "bot/regen.py": "commune name prefixes and đ folding of the admin-unit data",
    "bot/roster.py": "the seed letter's role names (data: texts render them)",
}
# TEMPORARY: modules whose sentences other helpers of issue 9 are moving into bot/texts right
# now (dialogues → state machines). Remove each entry when it lands.
MOVING: dict[str, str] = {}

VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)


def _exempt(name: str) -> bool:
    return name.startswith("bot/texts/") or any(
        name == key or (key.endswith("/") and name.startswith(key))
        for key in (*LOOKUP_DATA, *MOVING)
    )


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        if isinstance(node, kinds) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def vietnamese_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string constant with a Vietnamese letter, docstrings excluded."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and VIETNAMESE.search(node.value)
    ]


def test_no_vietnamese_outside_texts() -> None:
    found = []
    for path in sorted(BOT.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if _exempt(name):
            continue
        for line, text in vietnamese_strings(path.read_text(encoding="utf-8")):
            found.append(f"{name}:{line}: {text[:60]!r}")
    assert not found, "Vietnamese text outside bot/texts (move it there):\n" + "\n".join(found)


def test_the_scan_sees_sentences_and_fstring_parts_but_not_docstrings() -> None:
    source = (
        '"""Mô-đun có dấu trong docstring."""\n'
        'OK = "plain ascii"\n'
        'A = "Đã lưu."\n'
        'def f(n: int) -> str:\n    """Hàm."""\n    return f"{n} xã/phường"\n'
    )
    assert [line for line, _ in vietnamese_strings(source)] == [3, 6]


def test_every_exemption_names_a_module_that_exists() -> None:
    for key in (*LOOKUP_DATA, *MOVING):
        path = ROOT / key
        assert path.exists() or list(path.parent.glob(path.name + "*")), key
