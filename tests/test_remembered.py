"""Oracles remembered by the values of their inputs (autograder/remembered.py)."""
import numpy as np
import pytest
import torch

from autograder import remembered as memo
from autograder.remembered import remembered


@pytest.fixture(autouse=True)
def fresh():
    memo.forget()
    yield
    memo.forget()


def counting():
    calls = []

    @remembered
    def oracle(x, steps, *, scale=1.0):
        calls.append(1)
        torch.nn.Linear(3, 2)  # draws from the judge's random stream, as the checks' replays do
        return {"y": x * steps * scale}, [float(steps)]

    return oracle, calls


def test_same_values_are_computed_once_and_each_caller_gets_its_own_copy():
    oracle, calls = counting()
    first = oracle(torch.arange(4.0), 3)
    second = oracle(torch.arange(4.0), 3)  # another tensor with the same values
    assert len(calls) == 1
    assert torch.equal(first[0]["y"], second[0]["y"]) and first[1] == second[1]
    first[0]["y"].add_(100)
    first[1].append(0.0)
    third = oracle(torch.arange(4.0), 3)
    assert torch.equal(third[0]["y"], torch.arange(4.0) * 3) and third[1] == [3.0]


@pytest.mark.parametrize("other", [
    lambda: ((torch.arange(4.0) + 1, 3), {}),  # values
    lambda: ((torch.arange(4.0).double(), 3), {}),  # dtype
    lambda: ((torch.arange(4.0).reshape(2, 2), 3), {}),  # shape
    lambda: ((torch.arange(4.0).reshape(2, 2).T, 3), {}),  # strides
    lambda: ((torch.arange(4.0), 3.0), {}),  # 3.0 is not 3
    lambda: ((torch.arange(4.0), 3), {"scale": 2.0}),
])
def test_any_difference_in_the_inputs_computes_again(other):
    oracle, calls = counting()
    oracle(torch.arange(4.0), 3)
    args, kwargs = other()
    oracle(*args, **kwargs)
    assert len(calls) == 2


def test_two_functions_never_share_results():
    @remembered
    def double(x):
        return x * 2

    @remembered
    def triple(x):
        return x * 3

    assert double(1) == 2 and triple(1) == 3


def test_inputs_it_cannot_key_run_every_time():
    oracle, calls = counting()
    oracle(torch.nn.Parameter(torch.ones(2)), 2)
    oracle(torch.nn.Parameter(torch.ones(2)), 2)
    oracle(torch.ones(2, device="meta"), 2)
    oracle(torch.ones(2, device="meta"), 2)
    assert len(calls) == 4
    arrays = remembered(lambda a: a.sum())
    assert arrays(np.ones(3)) == 3 and arrays(np.ones(3)) == 3


def test_the_judges_random_stream_is_the_same_whether_computed_or_remembered():
    oracle, _calls = counting()
    torch.manual_seed(0)
    oracle(torch.ones(2), 1)
    computed = torch.rand(3)
    torch.manual_seed(0)
    oracle(torch.ones(2), 1)
    remembered_ = torch.rand(3)
    torch.manual_seed(0)
    untouched = torch.rand(3)
    assert torch.equal(computed, untouched) and torch.equal(remembered_, untouched)
