"""Hidden checks for ``init_params(seed)``: w ~ randn(1, 1), b = 0, both float32 requiring grad.

Whether a returned tensor is a leaf cannot be seen from here (tensors cross the pipe as
leaves); the visible test checks ``is_leaf`` in the student's kernel.
"""
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, requires
from autograder.i18n import _


def expected_w(seed: int) -> torch.Tensor:
    return torch.randn(1, 1, generator=torch.Generator().manual_seed(seed))


def params(student, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    result = student.init_params(seed)
    if not (isinstance(result, (tuple, list)) and len(result) == 2
            and all(isinstance(t, torch.Tensor) for t in result)):
        fail("init_params({seed}) returned a {got}; it must return a pair of tensors (w, b)", seed=seed,
             got=describe(result))
    return result[0], result[1]


@given(seed=st.integers(1, 2**31 - 1))
def test_w_is_the_first_randn_draw_after_seeding(student, seed):
    w, _b = params(student, seed)
    if isinstance(w, torch.Tensor) and w.numel() == 1 and torch.allclose(w.detach().float().reshape(1, 1), expected_w(0)):
        fail("init_params({seed}) gives the w of random seed 0: call torch.manual_seed(seed) with the seed argument",
             seed=seed)
    if isinstance(w, torch.Tensor) and w.numel() == 1 and torch.allclose(
            w.detach().float().reshape(1, 1), torch.rand(1, 1, generator=torch.Generator().manual_seed(seed))):
        fail("init_params({seed}) draws w with torch.rand (uniform in 0..1); the tutorial uses torch.randn (standard "
             "normal)", seed=seed)
    expect_tensor(w.detach(), expected_w(seed),
                  what=_("w of init_params({seed}) (torch.randn(1, 1) right after torch.manual_seed(seed))").format(
                      seed=seed))


def test_b_starts_at_zero(student):
    for seed in (0, 1, 100):
        _w, b = params(student, seed)
        expect_tensor(b.detach(), torch.zeros(1, 1), what=_("b of init_params({seed}) (torch.zeros(1, 1))").format(
            seed=seed))


def test_both_parameters_require_grad(student):
    for seed in (0, 7, 100):
        for name, t in zip("wb", params(student, seed)):
            expect(t.requires_grad, "{name} of init_params({seed}) does not require grad: create it with "
                                    "requires_grad=True, or autograd never computes its gradient and it cannot learn",
                   name=name, seed=seed)


def test_shapes_and_dtype(student):
    for seed in (0, 3):
        for name, t in zip("wb", params(student, seed)):
            expect(tuple(t.shape) == (1, 1), "{name} of init_params({seed}) has shape {got}; expected (1, 1) so that "
                                             "x.pow(2).mm(w) works", name=name, seed=seed, got=tuple(t.shape))
            expect(t.dtype == torch.float32, "{name} of init_params({seed}) has dtype {got}; expected torch.float32",
                   name=name, seed=seed, got=t.dtype)


def test_same_seed_gives_the_same_start(student):
    for seed, other in ((100, 101), (5, 6)):
        first, again, changed = params(student, seed)[0], params(student, seed)[0], params(student, other)[0]
        expect(torch.equal(first, again), "init_params({seed}) gave different w on two calls; call "
                                          "torch.manual_seed(seed) first", seed=seed)
        expect(not torch.equal(first, changed), "init_params({seed}) and init_params({other}) give the same w; the "
                                                "seed must decide w", seed=seed, other=other)


def leaf_flags(student, seed: int) -> list:
    """``[w.is_leaf, b.is_leaf]`` read in the worker: a tensor crossing the pipe arrives here as a new leaf."""
    builtin = student.builtin
    returned = builtin("map")(student.init_params, [seed])  # lazy: init_params runs inside next() below
    pair = builtin("next")(builtin("map")(builtin("iter"), returned))  # an iterator over (w, b), kept in the worker
    return builtin("list")(builtin("map")(builtin("getattr"), pair, ["is_leaf", "is_leaf"]))


@requires(test_both_parameters_require_grad)
def test_both_parameters_are_leaves(student):
    for seed in (0, 7):
        params(student, seed)
        for name, leaf in zip("wb", leaf_flags(student, seed)):
            expect(leaf is True, "{name} of init_params({seed}) is not a leaf but the result of an operation "
                                 "(* 0.01, .view, .unsqueeze...), so backward() never fills its .grad: compute the "
                                 "value first, then call .requires_grad_()", name=name, seed=seed)
