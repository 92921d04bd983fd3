"""What one submission's worker may use."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission's worker."""

    notebook_seconds: float = 60.0  # wall clock to run all the notebook's cells
    call_seconds: float = 10.0  # wall clock for one remote call from a check
    cpu_seconds: int = 300  # RLIMIT_CPU for the whole worker
    # torch 2.14.1 (CUDA build) does not import under 3 GB of address space.
    address_space_bytes: int = 6 * 1024**3
    file_size_bytes: int = 64 * 1024**2
    processes: int = 256  # on top of what the user already runs; ignored for root
