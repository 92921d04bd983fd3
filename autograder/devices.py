"""Which devices the hidden checks run on.

``cpu`` always; ``cuda`` where the grading machine has it (``--device auto``)
or where the instructor demands it (``--device cuda``); ``meta`` in addition
for checks marked ``shape_only``, so that device bugs (a tensor made on a
fixed device, a result moved off the input's device) fail on a CPU-only
machine too.
"""
from __future__ import annotations

from pathlib import Path

from .course import UsageError

CHOICES = ("auto", "cpu", "cuda")
SHAPE_ONLY = "meta"  # no data: computations that only look at shapes, dtypes and devices run on it


def gpu_nodes() -> bool:
    """Whether a GPU driver's device node is here (NVIDIA's, or ROCm's /dev/kfd): without one, no CUDA."""
    return any(Path("/dev").glob("nvidia*")) or Path("/dev/kfd").exists()


def cuda_available() -> bool:
    # no device node: no CUDA, and no `import torch` (a second and more) in a process that may only hand gradings
    # to its pool
    if not gpu_nodes():
        return False
    # is_available() asks the driver without creating a context, so forking later stays safe
    import torch

    return torch.cuda.is_available()


def grading_devices(choice: str = "auto", cluster: bool = False) -> tuple[str, ...]:
    """The real devices checks run on for ``--device choice``.

    On a Dask ``cluster`` the GPUs are on the workers started with ``--resources GPU=1``, not here:
    ``cuda`` is taken at its word and ``auto`` means CPU only.
    """
    if choice not in CHOICES:
        raise UsageError(f"--device {choice}: choose one of {', '.join(CHOICES)}")
    if choice == "cpu" or (cluster and choice == "auto"):
        return ("cpu",)
    if cluster:
        return ("cpu", "cuda")
    if cuda_available():
        return ("cpu", "cuda")
    if choice == "cuda":
        raise UsageError("--device cuda: torch sees no CUDA device on this machine; use --device auto or cpu")
    return ("cpu",)
