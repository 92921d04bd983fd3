#!/usr/bin/env bash
# Grade every solution, stub, mutant and alternative with the checks also running on CUDA; print a table.
#
#   scripts/gpu-check.sh [WHEELS_DIR]     (default: ./wheels)
#
# For a GPU machine without network that has Python 3.12 and a CUDA build of torch (and torchvision)
# installed.  The other dependencies come as wheels; make them once on a machine with network:
#
#   pip download -d wheels -r scripts/gpu-requirements.txt \
#       --only-binary=:all: --python-version 3.12 --platform manylinux2014_x86_64 --platform manylinux_2_17_x86_64
#
# and copy wheels/ next to this repository.  The venv (.venv-gpu) sees the machine's torch through
# --system-site-packages; nothing is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
wheels="${1:-wheels}"
python="${PYTHON:-python3}"
venv="${GPU_VENV:-.venv-gpu}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv --system-site-packages "$venv"
  "$venv/bin/pip" install --quiet --no-index --find-links "$wheels" -r scripts/gpu-requirements.txt
fi
"$venv/bin/python" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else "gpu-check: torch sees no CUDA device here")'
export PATH="$PWD/$venv/bin:$PATH"
exec "$venv/bin/python" scripts/gpu_check.py --device cuda "${@:2}"
