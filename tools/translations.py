"""Keeps the English translation of the Dutch interface in step with the code.

The UI is written in Dutch (the product is Dutch first); English comes from Qt's own
mechanism: resources/translations/facilitator_en.ts holds every Dutch source string with
its English text, lrelease compiles it to facilitator_en.qm, facilitator/ui/i18n.py
loads that at start. This script, run as `uv run python tools/translations.py`:

1. runs pyside6-lupdate over facilitator/ui and facilitator/app.py into the .ts
   (existing translations kept, vanished strings dropped);
2. reports the entries that still need an English text, and placeholders ({title}, %n,
   & accelerators) that differ between source and translation; with --check it exits
   non-zero when there are any (for CI and for whoever adds UI strings);
3. runs pyside6-lrelease to rebuild the .qm.

Why there is more than a call to lupdate: lupdate does not know Python's scoping, and
PySide finds a translation by the *runtime* context (the class names along
type(obj).__mro__ for obj.tr(), the literal context for QCoreApplication.translate).
Two patterns in our code would otherwise be missed or filed under a context nobody
asks for:

- helpers such as `def _tr(text): return QCoreApplication.translate("prepare", text)`:
  lupdate never sees the strings passed to them (or, when the helper is called `tr`,
  files them under the surrounding class or no context at all);
- `window.tr("...")` or `dialog.tr("...")` outside the object's class: lupdate uses the
  variable name as context, PySide the object's class (MainWindow: from the parameter's
  annotation, `dialog = QDialog(...)`, or RECEIVER_CLASSES below).

So an AST pass finds those calls, writes them as QT_TRANSLATE_NOOP(context, text) into
a throw-away file that lupdate scans with the real sources, and removes the entries
lupdate filed under the wrong context. Strings that cannot be extracted at all (an
f-string or variable passed to tr) are listed as warnings.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "facilitator" / "ui", ROOT / "facilitator" / "app.py")
TS = ROOT / "resources" / "translations" / "facilitator_en.ts"
QM = TS.with_suffix(".qm")
SOURCE_LANGUAGE = "nl"
TARGET_LANGUAGE = "en"

# The class an object has at runtime, for `<name>.tr(...)` outside that class, when the
# parameter carries no annotation. install(window) functions receive the main window.
RECEIVER_CLASSES = {"window": "MainWindow", "main_window": "MainWindow"}
TRANSLATE_NAMES = {"translate"}  # QCoreApplication.translate, app.translate, ...


def _tool(name: str) -> str:
    """pyside6-lupdate / -lrelease from the environment that runs this script."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


# -- finding what lupdate cannot ---------------------------------------------------------


@dataclass(frozen=True)
class Found:
    context: str
    source: str
    where: str  # path:line, for messages


@dataclass
class Extraction:
    extra: list[Found]  # strings lupdate misses or files under a context PySide never asks
    wrong: set[tuple[str, str]]  # (context, source) lupdate invents for those calls
    right: set[tuple[str, str]]  # (context, source) pairs the code really asks for
    warnings: list[str]


def _python_files() -> list[Path]:
    files: list[Path] = []
    for source in SOURCES:
        files.extend(sorted(source.rglob("*.py")) if source.is_dir() else [source])
    return files


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _wrapper_context(func: ast.FunctionDef) -> str | None:
    """"prepare" for `def _tr(text): return QCoreApplication.translate("prepare", text)`."""
    if not func.args.args or len(func.body) < 1:
        return None
    body = [s for s in func.body if not (isinstance(s, ast.Expr) and _literal(s.value))]
    if len(body) != 1 or not isinstance(body[0], ast.Return):
        return None
    call = body[0].value
    if not isinstance(call, ast.Call) or len(call.args) < 2:
        return None
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(
        call.func, "id", None)
    first = func.args.args[0].arg
    if (name in TRANSLATE_NAMES and _literal(call.args[0]) is not None
            and isinstance(call.args[1], ast.Name) and call.args[1].id == first):
        return _literal(call.args[0])
    return None


def _module_name(path: Path, root: Path) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: Path, root: Path, wrappers: dict[str, str],
                 result: Extraction) -> None:
        self.path = path
        self.rel = path.relative_to(root).as_posix()
        self.wrappers = wrappers  # name usable in this module -> context
        self.result = result
        self.classes: list[str] = []
        self.annotations: list[dict[str, str]] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        known = dict(self.annotations[-1]) if self.annotations else {}
        for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
            annotation = arg.annotation
            if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
                annotation = ast.parse(annotation.value, mode="eval").body
            if isinstance(annotation, ast.Name):
                known[arg.arg] = annotation.id
            elif isinstance(annotation, ast.Attribute):
                known[arg.arg] = annotation.attr
        self.annotations.append(known)
        if _wrapper_context(node) is None:  # the helper's own body is not a string
            self.generic_visit(node)
        self.annotations.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def visit_Assign(self, node: ast.Assign) -> None:
        """`dialog = QDialog(parent)`: later `dialog.tr(...)` asks under "QDialog"."""
        value = node.value
        if self.annotations and isinstance(value, ast.Call):
            cls = value.func.attr if isinstance(value.func, ast.Attribute) else getattr(
                value.func, "id", "")
            if cls[:1].isupper():
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.annotations[-1][target.id] = cls
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        where = f"{self.rel}:{node.lineno}"
        func = node.func
        text = _literal(node.args[0]) if node.args else None
        enclosing = self.classes[-1] if self.classes else ""
        if isinstance(func, ast.Name) and func.id in self.wrappers:
            if text is None:
                self._cannot(where, func.id, node.args)
                return
            self.result.extra.append(Found(self.wrappers[func.id], text, where))
            self.result.right.add((self.wrappers[func.id], text))
            if func.id == "tr":  # lupdate takes a bare tr() for the class's own
                self.result.wrong.update({(enclosing, text), ("", text)})
        elif isinstance(func, ast.Attribute) and func.attr == "tr":
            receiver = func.value
            if isinstance(receiver, ast.Name) and receiver.id in ("self", "cls"):
                if text is None:
                    self._cannot(where, "self.tr", node.args)
                elif enclosing:
                    self.result.right.add((enclosing, text))
                return
            if text is None:
                self._cannot(where, "tr", node.args)
                return
            name = receiver.id if isinstance(receiver, ast.Name) else None
            known = self.annotations[-1] if self.annotations else {}
            cls = known.get(name or "") or RECEIVER_CLASSES.get(name or "")
            if cls is None:
                self.result.warnings.append(
                    f"{where}: cannot tell the class of {ast.unparse(receiver)} in "
                    f"{ast.unparse(receiver)}.tr({text!r}); annotate it or use "
                    "QCoreApplication.translate with a context")
                return
            self.result.extra.append(Found(cls, text, where))
            self.result.right.add((cls, text))
            if name is not None:
                self.result.wrong.add((name, text))
        elif (isinstance(func, ast.Attribute | ast.Name)
              and (func.attr if isinstance(func, ast.Attribute) else func.id)
              in TRANSLATE_NAMES and len(node.args) >= 2):
            context, source = _literal(node.args[0]), _literal(node.args[1])
            if context is not None and source is not None:
                self.result.right.add((context, source))
            elif context is not None:
                self._cannot(where, "translate", node.args[1:])

    def _cannot(self, where: str, how: str, args: list[ast.expr]) -> None:
        """Warn about text built before translation (f-string, +, .format, %); a plain
        variable is the QT_TRANSLATE_NOOP pattern and fine."""
        if args and isinstance(args[0], ast.JoinedStr | ast.BinOp | ast.Call):
            self.result.warnings.append(
                f"{where}: {how}() gets text built at runtime; lupdate cannot extract it "
                "(translate the template, then .format())")


def extract(files: list[Path] | None = None, root: Path = ROOT) -> Extraction:
    """Everything lupdate needs help with, from the sources' syntax trees (`files` under
    `root`; by default the UI sources)."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), str(path))
             for path in (_python_files() if files is None else files)}
    defined: dict[str, dict[str, str]] = {}  # module -> helper name -> context
    for path, tree in trees.items():
        helpers = {node.name: context for node in tree.body
                   if isinstance(node, ast.FunctionDef)
                   and (context := _wrapper_context(node)) is not None}
        defined[_module_name(path, root)] = helpers
    result = Extraction([], set(), set(), [])
    for path, tree in trees.items():
        usable = dict(defined[_module_name(path, root)])
        for node in tree.body:  # helpers imported from another scanned module
            if isinstance(node, ast.ImportFrom) and node.module in defined:
                for alias in node.names:
                    if alias.name in defined[node.module]:
                        usable[alias.asname or alias.name] = defined[node.module][alias.name]
        _Scanner(path, root, usable, result).visit(tree)
    return result


def _shim(found: list[Found]) -> str:
    lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
    for item in sorted(set(found), key=lambda f: (f.context, f.source, f.where)):
        lines.append(f"QT_TRANSLATE_NOOP({item.context!r}, {item.source!r})  # {item.where}")
    return "\n".join(lines) + "\n"


# -- the .ts file --------------------------------------------------------------------------


def run_lupdate(ts: Path = TS) -> Extraction:
    """Bring `ts` up to date with the sources, keeping existing translations."""
    found = extract()
    ts.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="facilitator-tr-") as tmp:
        shim = Path(tmp) / "extracted_by_tools_translations.py"
        shim.write_text(_shim(found.extra), encoding="utf-8")
        command = [_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                   "-extensions", "py", "-source-language", SOURCE_LANGUAGE,
                   "-target-language", TARGET_LANGUAGE,
                   *[str(s) for s in SOURCES], str(shim), "-ts", str(ts)]
        subprocess.run(command, check=True)
    _drop_wrong_contexts(ts, found.wrong - found.right)
    return found


def _drop_wrong_contexts(ts: Path, wrong: set[tuple[str, str]]) -> None:
    """Remove the entries lupdate filed under a context no code asks for. Edits the text,
    so the rest of the file stays exactly as lupdate wrote it."""
    if not wrong:
        return
    text = ts.read_text(encoding="utf-8")
    context_re = re.compile(r"<context>\s*<name>(.*?)</name>(.*?)</context>\n?", re.S)
    message_re = re.compile(r"\s*<message(?:\s[^>]*)?>.*?</message>", re.S)

    def clean_context(match: re.Match[str]) -> str:
        name = _unescape(match.group(1))
        body = match.group(2)
        kept = [m for m in message_re.findall(body)
                if (name, _unescape(_source_of(m))) not in wrong]
        if not kept:
            return ""
        return f"<context>\n    <name>{match.group(1)}</name>{''.join(kept)}\n</context>\n"

    ts.write_text(context_re.sub(clean_context, text), encoding="utf-8")


def _source_of(message_xml: str) -> str:
    found = re.search(r"<source>(.*?)</source>", message_xml, re.S)
    return found.group(1) if found else ""


def _unescape(text: str) -> str:
    return ET.fromstring(f"<x>{text}</x>").text or ""


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    translations: tuple[str, ...]  # one, or one per plural form
    unfinished: bool


def entries(ts: Path = TS) -> list[Entry]:
    result: list[Entry] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                forms: tuple[str, ...] = ()
                kind = "unfinished"
            else:
                kind = translation.get("type", "")
                numerus = translation.findall("numerusform")
                forms = (tuple(f.text or "" for f in numerus) if numerus
                         else (translation.text or "",))
            if kind in ("obsolete", "vanished"):
                continue
            unfinished = kind == "unfinished" or not forms or not all(forms)
            result.append(Entry(name, message.findtext("source") or "", forms, unfinished))
    return result


_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n|%L?\d")


def _accelerators(text: str) -> int:
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


def problems(entry: Entry) -> list[str]:
    """Placeholder or accelerator differences between source and translation."""
    if entry.unfinished:
        return []
    wanted = sorted(_PLACEHOLDER.findall(entry.source))
    found: list[str] = []
    for form in entry.translations:
        if sorted(_PLACEHOLDER.findall(form)) != wanted:
            found.append(f"placeholders {wanted} became {sorted(_PLACEHOLDER.findall(form))}")
        if min(1, _accelerators(form)) != min(1, _accelerators(entry.source)):
            found.append("& accelerator present in only one of source and translation")
    return found


def run_lrelease(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-silent", "-nounfinished", str(ts),
                    "-qm", str(qm)], check=True)


def report(ts: Path = TS) -> int:
    """Print what still needs work; the number of open items."""
    all_entries = entries(ts)
    open_entries = [e for e in all_entries if e.unfinished]
    mismatched = [(e, p) for e in all_entries for p in problems(e)]
    done = len(all_entries) - len(open_entries)
    print(f"{ts.relative_to(ROOT)}: {len(all_entries)} strings, {done} translated, "
          f"{len(open_entries)} untranslated or unfinished")
    for entry in open_entries:
        print(f"  untranslated  [{entry.context}] {entry.source!r}")
    for entry, problem in mismatched:
        print(f"  mismatch      [{entry.context}] {entry.source!r}: {problem}")
    return len(open_entries) + len(mismatched)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when any string is untranslated or mismatched")
    parser.add_argument("--no-update", action="store_true",
                        help="only report and compile; do not run lupdate")
    options = parser.parse_args(argv)
    if not options.no_update:
        found = run_lupdate()
        for warning in found.warnings:
            print(f"warning: {warning}")
    remaining = report()
    run_lrelease()
    print(f"{QM.relative_to(ROOT)} rebuilt")
    return 1 if options.check and remaining else 0


if __name__ == "__main__":
    sys.exit(main())
