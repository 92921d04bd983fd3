"""What only 02's checks use (imported as ``checks_02_broadcasting``)."""
from __future__ import annotations


def made_a_tensor_on_the_cpu(call) -> bool:
    """A device mismatch inside the student's function: a tensor it made without device= (it lives on the CPU)."""
    return call.raised == "RuntimeError" and "device" in call.error_message
