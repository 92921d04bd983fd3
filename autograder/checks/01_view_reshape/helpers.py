"""What only 01's checks use: views and storage, reshape targets (imported as ``checks_01_view_reshape``)."""
from __future__ import annotations

import math

import torch
from hypothesis import strategies as st

from autograder.checking import reused, storage_ptr


def shares_storage(a: torch.Tensor, b: torch.Tensor) -> bool:
    """True when two tensors are backed by the same memory (a view relation)."""
    return isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor) and storage_ptr(a) == storage_ptr(b)


def writes_through(view: torch.Tensor, base: torch.Tensor) -> bool:
    """Write into every element of ``view`` and see whether ``base`` changed: the behavioural test of a view.

    Both tensors are changed; call it on tensors you no longer need.
    """
    if view.numel() == 0:
        return shares_storage(view, base)
    before = base.clone()
    with torch.no_grad():
        view.fill_(1 if view.dtype == torch.bool else 7)
    return not torch.equal(before, base)


def prime_factors(n: int) -> list[int]:
    factors, p = [], 2
    while n > 1:
        while n % p == 0:
            factors.append(p)
            n //= p
        p += 1
    return factors


@reused
@st.composite
def regroupings(draw, shape: tuple, allow_minus_one: bool = True) -> tuple:
    """Any shape with as many elements as ``shape`` (a reshape target), sometimes with one -1."""
    numel = math.prod(shape)
    if numel == 0:
        dims = draw(st.lists(st.integers(0, 5), min_size=1, max_size=4))
        dims[draw(st.integers(0, len(dims) - 1))] = 0
        return tuple(dims)
    factors = draw(st.permutations(prime_factors(numel)))
    groups = draw(st.integers(1, 4))
    dims = [1] * groups
    for f in factors:
        dims[draw(st.integers(0, groups - 1))] *= f
    if allow_minus_one and draw(st.booleans()):
        dims[draw(st.integers(0, groups - 1))] = -1
    return tuple(dims)


def can_view(x: torch.Tensor, shape: tuple) -> bool:
    """PyTorch's own verdict: whether ``x.view(shape)`` works for x's strides."""
    try:
        x.view(shape)
    except RuntimeError:
        return False
    return True
