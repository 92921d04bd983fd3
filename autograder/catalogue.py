"""``python -m autograder.catalogue``: keep the Chinese catalogue in step with the messages in the code.

    python -m autograder.catalogue missing [PATH ...] > todo.po   # untranslated messages (under PATHs)
    python -m autograder.catalogue merge todo.po                    # add its translations, compile the .mo
    python -m autograder.catalogue prune                            # drop entries no code uses any more

``merge`` holds a lock on the catalogue, so several people (or scripts) can merge at once.
"""
from __future__ import annotations

import fcntl
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import i18n

PO = i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def missing(paths: list[str]) -> Catalog:
    catalogue, todo = read(PO), Catalog(locale="zh")
    for message, places in sorted(i18n.extract().items()):
        if paths and not any(place.startswith(p.removeprefix("autograder/")) for p in paths for place in places):
            continue
        entry = catalogue.get(message)
        if not (entry and entry.string):
            todo.add(message, "", locations=[(place.split(":")[0], int(place.split(":")[1])) for place in places])
    return todo


def _locked():
    handle = open(PO.with_suffix(".lock"), "w")
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def _write(catalogue: Catalog) -> None:
    """The catalogue back to its .po (keeping the file's opening comment) and compiled to its .mo."""
    header = [line for line in PO.read_text(encoding="utf-8").splitlines() if line.startswith("# ")]
    with PO.open("wb") as handle:
        write_po(handle, catalogue, width=0, omit_header=False, no_location=True)
    text = PO.read_text(encoding="utf-8")
    PO.write_text("\n".join(header) + "\n" + "\n".join(l for l in text.splitlines() if not l.startswith("# ")) + "\n",
                  encoding="utf-8")
    with PO.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, read(PO))


def merge(fragment: Path) -> int:
    """Add the translated entries of ``fragment`` to the catalogue (replacing older ones); the count."""
    with _locked():
        catalogue, added = read(PO), 0
        for entry in read(fragment):
            if entry.id and entry.string:
                catalogue.delete(entry.id)
                catalogue.add(entry.id, entry.string)
                added += 1
        _write(catalogue)
    return added


def prune() -> list[str]:
    """Remove the entries no message in the code uses any more; their ids."""
    used = i18n.extract()
    with _locked():
        catalogue = read(PO)
        gone = [entry.id for entry in catalogue if entry.id and entry.id not in used]
        for message in gone:
            catalogue.delete(message)
        _write(catalogue)
    return gone


def main(argv: list[str]) -> int:
    if argv[:1] == ["missing"]:
        from io import BytesIO
        out = BytesIO()
        write_po(out, missing(argv[1:]), width=0, omit_header=True)
        sys.stdout.write(out.getvalue().decode("utf-8"))
        return 0
    if argv == ["prune"]:
        gone = prune()
        print(f"removed {len(gone)} unused entries from {PO}" + "".join(f"\n  {m}" for m in gone))
        return 0
    if argv[:1] == ["merge"] and len(argv) == 2 and Path(argv[1]).is_file():
        print(f"merged {merge(Path(argv[1]))} translations into {PO}")
        return 0
    print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
    print("usage: python -m autograder.catalogue missing [PATH ...] | merge FILE.po | prune", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
