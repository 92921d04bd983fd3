"""Hidden checks for ``init_params(seed)``: w ~ randn(1, 1), b = 0, both float32 requiring grad.

Whether a returned tensor is a leaf cannot be seen from here (tensors cross the pipe as
leaves); the visible test checks ``is_leaf`` in the student's kernel.
"""
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail


def expected_w(seed: int) -> torch.Tensor:
    return torch.randn(1, 1, generator=torch.Generator().manual_seed(seed))


def params(student, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    result = student.init_params(seed)
    if not (isinstance(result, (tuple, list)) and len(result) == 2
            and all(isinstance(t, torch.Tensor) for t in result)):
        fail(f"init_params({seed}) returned a {describe(result)}; it must return a pair of tensors (w, b)")
    return result[0], result[1]


@given(seed=st.integers(1, 2**31 - 1))
def test_w_is_the_first_randn_draw_after_seeding(student, seed):
    w, _ = params(student, seed)
    if isinstance(w, torch.Tensor) and w.numel() == 1 and torch.allclose(w.detach().float().reshape(1, 1), expected_w(0)):
        fail(f"init_params({seed}) gives the w of seed 0: call torch.manual_seed(seed) with the seed argument")
    if isinstance(w, torch.Tensor) and w.numel() == 1 and torch.allclose(
            w.detach().float().reshape(1, 1), torch.rand(1, 1, generator=torch.Generator().manual_seed(seed))):
        fail(f"init_params({seed}) draws w with torch.rand (uniform in 0..1); the seed uses torch.randn (standard normal)")
    expect_tensor(w.detach(), expected_w(seed),
                  what=f"w of init_params({seed}) (torch.randn(1, 1) right after torch.manual_seed(seed))")


def test_b_starts_at_zero(student):
    for seed in (0, 1, 100):
        _, b = params(student, seed)
        expect_tensor(b.detach(), torch.zeros(1, 1), what=f"b of init_params({seed}) (torch.zeros(1, 1))")


def test_both_parameters_require_grad(student):
    for seed in (0, 7, 100):
        w, b = params(student, seed)
        expect(w.requires_grad, f"w of init_params({seed}) does not require grad; create it with requires_grad=True "
                                f"or the optimiser can never learn it")
        expect(b.requires_grad, f"b of init_params({seed}) does not require grad; create it with requires_grad=True "
                                f"or the optimiser can never learn it")


def test_shapes_and_dtype(student):
    for seed in (0, 3):
        for name, t in zip("wb", params(student, seed)):
            expect(tuple(t.shape) == (1, 1), f"{name} of init_params({seed}) has shape {tuple(t.shape)}; expected (1, 1) "
                                             f"so that x.pow(2).mm(w) works")
            expect(t.dtype == torch.float32, f"{name} of init_params({seed}) has dtype {t.dtype}; expected torch.float32")


def test_same_seed_gives_the_same_start(student):
    for seed, other in ((100, 101), (5, 6)):
        first, again, changed = params(student, seed)[0], params(student, seed)[0], params(student, other)[0]
        expect(torch.equal(first, again), f"init_params({seed}) gave different w on two calls; seed the generator first")
        expect(not torch.equal(first, changed), f"init_params({seed}) and init_params({other}) give the same w; "
                                                f"the seed must decide w")
