"""Hidden checks for ``make_data(n, seed)``: the tutorial's noisy quadratic data, reproducible from a random seed.

The oracle draws the noise from a private ``torch.Generator`` seeded with ``seed``:
on the CPU it yields exactly the numbers ``torch.manual_seed(seed); torch.rand(n, 1)`` gives.
"""
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail
from autograder.i18n import _

SEEDS = st.integers(1, 2**31 - 1)


def expected_data(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    x = torch.linspace(-1, 1, n).unsqueeze(1)
    noise = torch.rand(n, 1, generator=torch.Generator().manual_seed(seed))
    return x, 3 * x.pow(2) + 2 + 0.2 * noise


def data(student, n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The student's (x, y), after checking that both are float32 columns of shape (n, 1)."""
    result = student.make_data(n, seed)
    if not (isinstance(result, (tuple, list)) and len(result) == 2
            and all(isinstance(t, torch.Tensor) for t in result)):
        fail("make_data({n}, {seed}) returned a {got}; it must return a pair of tensors (x, y)",
             n=n, seed=seed, got=describe(result))
    for name, t in zip("xy", result):
        if tuple(t.shape) == (n,) and n > 1:
            fail("make_data({n}, {seed}) gives {name} the shape ({n},); unsqueeze it to a column of shape ({n}, 1)",
                 n=n, seed=seed, name=name)
        if tuple(t.shape) == (n, n) and n > 1:
            fail("make_data({n}, {seed}) gives {name} the shape ({n}, {n}): a noise of shape ({n},) was broadcast "
                 "against x of shape ({n}, 1); draw the noise with x's shape", n=n, seed=seed, name=name)
        expect(tuple(t.shape) == (n, 1), "make_data({n}, {seed}) gives {name} the shape {got}; expected ({n}, 1)",
               n=n, seed=seed, name=name, got=tuple(t.shape))
        expect(t.dtype == torch.float32, "make_data({n}, {seed}) gives {name} the dtype {got}; expected torch.float32",
               n=n, seed=seed, name=name, got=t.dtype)
    return result[0], result[1]


@given(n=st.integers(1, 300), seed=SEEDS)
def test_x_is_n_evenly_spaced_points_from_minus_one_to_one(student, n, seed):
    x, _y = data(student, n, seed)
    expected, _y = expected_data(n, seed)
    if n > 1 and abs(float(x.max()) - 1) > 1e-6:
        fail("make_data({n}, ...) has x up to {top:.4f}: linspace includes the end point 1 (arange excludes it)",
             n=n, top=float(x.max()))
    expect_tensor(x, expected, what=_("x of make_data({n}, {seed}) (torch.linspace(-1, 1, n) as a column)").format(
        n=n, seed=seed), rtol=1e-6, atol=1e-6)


@given(n=st.integers(2, 200), seed=SEEDS)
def test_noise_is_uniform_between_0_and_0_2(student, n, seed):
    x, y = data(student, n, seed)
    noise = (y.double() - 3 * x.double().pow(2) - 2).flatten()
    if bool((noise < -1e-5).any()):
        fail("make_data({n}, {seed}) has negative noise ({low:.3f}): the noise is 0.2 * torch.rand(...), uniform in "
             "0..0.2, not torch.randn (normal)", n=n, seed=seed, low=float(noise.min()))
    expect(bool((noise < 0.2 + 1e-5).all()),
           "make_data({n}, {seed}) has noise up to {high:.3f}; 0.2 * torch.rand(...) stays below 0.2",
           n=n, seed=seed, high=float(noise.max()))
    expect(float(noise.max() - noise.min()) > 1e-3,
           "make_data({n}, {seed}) adds the same noise to every sample; draw one random number per sample",
           n=n, seed=seed)


@given(n=st.integers(1, 200), seed=SEEDS)
def test_noise_is_the_first_rand_draw_after_seeding(student, n, seed):
    x, y = data(student, n, seed)
    _x, expected = expected_data(n, seed)
    for fixed in (0, 100):
        if seed != fixed and torch.allclose(y, expected_data(n, fixed)[1], atol=1e-5):
            fail("make_data({n}, {seed}) gives the data of random seed {fixed}: call torch.manual_seed(seed) with the "
                 "seed argument", n=n, seed=seed, fixed=fixed)
    expect_tensor(y, expected, rtol=1e-6, atol=1e-6,
                  what=_("y of make_data({n}, {seed}) (3 * x**2 + 2 + 0.2 * torch.rand of x's shape, drawn right after "
                         "torch.manual_seed(seed))").format(n=n, seed=seed))


def test_same_seed_reproduces_the_data_and_other_seeds_change_it(student):
    for n, seed, other in ((100, 100, 101), (7, 3, 4), (1, 5, 6)):
        first, again, changed = data(student, n, seed), data(student, n, seed), data(student, n, other)
        expect(torch.equal(first[1], again[1]),
               "make_data({n}, {seed}) gave different y on two calls; seeding first makes the data reproducible",
               n=n, seed=seed)
        expect(not torch.equal(first[1], changed[1]),
               "make_data({n}, {seed}) and make_data({n}, {other}) give the same y; the seed must decide the noise",
               n=n, seed=seed, other=other)
        expect_tensor(first[1], expected_data(n, seed)[1], rtol=1e-6, atol=1e-6,
                      what=_("y of make_data({n}, {seed})").format(n=n, seed=seed))
