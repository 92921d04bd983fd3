#!/usr/bin/env bash
# Grade every solution, stub, mutant and alternative with the checks also running on CUDA; print a table.
#
#   scripts/gpu-check.sh [WHEELS_DIR] [ASSIGNMENT ...] [--workers N]     (default WHEELS_DIR: ./wheels)
#
# For a GPU machine without network whose python3 (or $PYTHON) has a CUDA build of torch and
# torchvision.  What grading needs besides them comes as wheels; make them once on a machine with
# network, for the GPU machine's Python version (3.12 here):
#
#   pip download -d wheels -r scripts/gpu-requirements.txt \
#       --only-binary=:all: --python-version 3.12 --platform manylinux2014_x86_64 --platform manylinux_2_17_x86_64
#
# and copy wheels/ next to this repository.  They are installed into .gpu-site (PYTHONPATH), not into
# a venv: a venv made from an interpreter that is itself a venv would not see that venv's torch.
# Sandboxed workers run the interpreter isolated (-I), so they see only its own packages: IPython
# must be installed into the interpreter itself (the script says how when it is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
wheels="${1:-wheels}"
python="${PYTHON:-python3}"
site="${GPU_SITE:-$PWD/.gpu-site}"
if [ ! -d "$site" ]; then
  "$python" -m pip install --quiet --no-index --no-deps --no-compile --target "$site" "$wheels"/*.whl
fi
export PYTHONPATH="$site${PYTHONPATH:+:$PYTHONPATH}" PATH="$site/bin:$PATH"
"$python" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else "gpu-check: torch sees no CUDA device here")'
# the sandboxed workers run isolated (-I): they import only what $python itself has, and they run cells in IPython
if ! "$python" -I -c 'import IPython, torchvision' 2>/dev/null; then
  echo "gpu-check: the workers need IPython and torchvision in $python itself (they do not see $site); install them there:" >&2
  echo "  $python -m pip install --no-index --find-links $wheels ipython" >&2
  exit 2
fi
exec "$python" scripts/gpu_check.py --device cuda "${@:2}"
