"""Hidden-check grading for the course's nbgrader notebooks (see README.md)."""
import sys

# jsonschema, which nbformat imports, compiles the IRI grammar of the optional rfc3987-syntax package
# (installed for jupyter-events) at import time: 1.1 s in every grading process, the CLI and each pool
# worker.  No notebook schema has an IRI field; without the package jsonschema leaves that format unchecked.
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)
