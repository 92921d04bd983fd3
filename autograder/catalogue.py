"""``python -m autograder.catalogue``: keep the Chinese catalogue in step with the messages in the code.

    python -m autograder.catalogue missing [PATH ...] > todo.po   # untranslated messages (under PATHs)
    python -m autograder.catalogue merge todo.po                    # add its translations, compile the .mo

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


def merge(fragment: Path) -> int:
    """Add the translated entries of ``fragment`` to the catalogue (replacing older ones); the count."""
    with open(PO.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        catalogue, added = read(PO), 0
        for entry in read(fragment):
            if entry.id and entry.string:
                catalogue.delete(entry.id)
                catalogue.add(entry.id, entry.string)
                added += 1
        header = [line for line in PO.read_text(encoding="utf-8").splitlines() if line.startswith("# ")]
        with PO.open("wb") as handle:
            write_po(handle, catalogue, width=0, omit_header=False, no_location=True)
        text = PO.read_text(encoding="utf-8")
        PO.write_text("\n".join(header) + "\n" + "\n".join(l for l in text.splitlines() if not l.startswith("# ")) + "\n",
                      encoding="utf-8")
        with PO.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, read(PO))
    return added


def main(argv: list[str]) -> int:
    if argv[:1] == ["missing"]:
        from io import BytesIO
        out = BytesIO()
        write_po(out, missing(argv[1:]), width=0, omit_header=True)
        sys.stdout.write(out.getvalue().decode("utf-8"))
        return 0
    if argv[:1] == ["merge"] and len(argv) == 2 and Path(argv[1]).is_file():
        print(f"merged {merge(Path(argv[1]))} translations into {PO}")
        return 0
    print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
    print("usage: python -m autograder.catalogue missing [PATH ...] | merge FILE.po", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
