"""The judge's seeding before each check (plugin.seed_everything): the streams torch.manual_seed gives, cheaper."""
import random

import numpy
import torch

from autograder.plugin import seed_everything


def draws() -> tuple:
    return random.random(), numpy.random.rand(), torch.rand(3), torch.randn(2, dtype=torch.float64)


def test_the_same_streams_as_seeding_with_torch_manual_seed():
    random.seed(5)
    numpy.random.seed(5)
    torch.manual_seed(5)
    want = draws()
    for _ in range(2):  # the second time CUDA's seed is already queued
        seed_everything(5)
        got = draws()
        assert got[:2] == want[:2] and torch.equal(got[2], want[2]) and torch.equal(got[3], want[3])
