"""Hidden checks for ``shuffled_loader(dataset, batch_size, seed)``: reshuffled every epoch, reproducible from the seed.

The worker reseeds the global random state before every call it runs: epochs that must differ are therefore read in
one call (as a training loop reads them), and the loader's independence from the global random state is tested by
seeding it differently inside the call that reads the epoch.
"""
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, fail, requires, walk
from autograder.i18n import _
from autograder.student import Remote
from checks_07_data_loading import expect_a_dataloader, expect_no_worker_processes, listed, tensor_batches


def values_of(n: int) -> torch.Tensor:
    return torch.arange(n, dtype=torch.int64) * 5 + 2


def called(n: int, b: int, seed: int) -> str:
    """The call as messages show it."""
    return _("shuffled_loader(dataset of {n}, {b}, seed={seed})").format(n=n, b=b, seed=seed)


def loader_for(student, n: int, batch_size: int, seed: int) -> Remote:
    loader = student.shuffled_loader(student.TensorDataset(values_of(n)), batch_size, seed)
    expect_a_dataloader(loader, "shuffled_loader")
    expect_no_worker_processes(student, loader, "shuffled_loader")
    return loader


def batches_of(batches: list, what: str) -> list[list[int]]:
    """The dataset values of each batch of one epoch."""
    return [batch.tolist() for batch in tensor_batches(batches, what)]


def epoch(student, loader: Remote, what: str) -> list[list[int]]:
    """One pass over ``loader``."""
    return batches_of(walk(student, loader, what), what)


def epochs(student, loader: Remote, count: int, what: str) -> list[list[list[int]]]:
    """``count`` passes over ``loader`` read in ONE worker call, as a training loop reads them."""
    passes = walk(student, student.builtin("map")(student.builtin("list"), [loader] * count), what)
    return [batches_of(batches, what) for batches in passes]


def epoch_after_global_seed(student, loader: Remote, global_seed: int, what: str) -> list[list[int]]:
    """One pass over ``loader`` read right after ``torch.manual_seed(global_seed)``, in one worker call."""
    zipped = student.builtin("zip")(student.builtin("map")(student.torch.attr("manual_seed"), [global_seed]),
                                    student.builtin("map")(student.builtin("list"), [loader]))
    steps = walk(student, zipped, what)
    if len(steps) != 1:
        fail("reading {what} gave no epoch", what=what)
    return batches_of(steps[0][1], what)


def flat(batches: list[list[int]]) -> list[int]:
    return [v for batch in batches for v in batch]


@given(n=st.integers(1, 40), b=st.integers(1, 8), seed=st.integers(0, 2**31 - 1))
def test_each_epoch_reads_every_sample_once_keeping_the_last_batch(student, n, b, seed):
    what = called(n, b, seed)
    loader = loader_for(student, n, b, seed)
    for k, batches in enumerate(epochs(student, loader, 2, what)):
        seen = flat(batches)
        if len(set(seen)) < len(seen):
            fail("epoch {k} of {what} read {got} samples with repeats; every epoch must read each of the {n} samples "
                 "exactly once (a permutation; keep the last partial batch)", k=k + 1, what=what, got=len(seen), n=n)
        expect(sorted(seen) == values_of(n).tolist(),
               "epoch {k} of {what} read {got} samples; every epoch must read each of the {n} samples exactly once "
               "(a permutation; keep the last partial batch)", k=k + 1, what=what, got=len(seen), n=n)
        sizes = [len(x) for x in batches]
        want = [b] * (n // b) + ([n % b] if n % b else [])
        expect(sizes == want, "{what} gave batches of sizes {got}; expected {want}", what=what, got=listed(sizes),
               want=listed(want))


@requires(test_each_epoch_reads_every_sample_once_keeping_the_last_batch)
def test_order_comes_from_its_own_seeded_generator_not_the_global_one(student):
    for seed in (0, 5, 2024):
        what = called(24, 5, seed)
        orders = [tuple(flat(epoch_after_global_seed(student, loader_for(student, 24, 5, seed), k, what)))
                  for k in (1, 1, 2, 3)]
        expect(orders[0] == orders[1],
               "two loaders made by {what} gave different orders; the order must depend only on the seed: pass "
               "generator=torch.Generator().manual_seed(seed)", what=what)
        expect(len(set(orders)) == 1,
               "{what} gave a different order after torch.manual_seed was called elsewhere: the loader uses the global "
               "random generator; give it its own: generator=torch.Generator().manual_seed(seed)", what=what)


def test_order_is_shuffled_and_changes_every_epoch(student):
    for seed in (0, 1, 2024):
        what = called(30, 4, seed)
        orders = [flat(batches) for batches in epochs(student, loader_for(student, 30, 4, seed), 3, what)]
        expect(orders[0] != values_of(30).tolist(), "{what} read the samples in their original order; use shuffle=True",
               what=what)
        expect(orders[0] != orders[1] and orders[1] != orders[2],
               "{what} gave the same order in consecutive epochs; each epoch must be reshuffled: give the DataLoader "
               "one generator that keeps its state, do not reseed or fix the order once", what=what)


@requires(test_order_comes_from_its_own_seeded_generator_not_the_global_one)
def test_same_seed_reproduces_every_epoch(student):
    for seed in (0, 7, 123456):
        what = called(25, 6, seed)
        first = epochs(student, loader_for(student, 25, 6, seed), 2, what)
        again = epochs(student, loader_for(student, 25, 6, seed), 2, what)
        for k in range(2):
            expect(first[k] == again[k],
                   "two loaders made by {what} gave different orders in epoch {k}; the order must depend only on the "
                   "seed: pass generator=torch.Generator().manual_seed(seed)", what=what, k=k + 1)


@requires(test_order_comes_from_its_own_seeded_generator_not_the_global_one)
def test_different_seeds_give_different_orders(student):
    seeds = (0, 1, 2, 3, 99, 2**31 - 1)
    orders = [tuple(flat(epoch(student, loader_for(student, 30, 5, s), called(30, 5, s)))) for s in seeds]
    expect(len(set(orders)) == len(seeds),
           "shuffled_loader gave the same order for different seeds ({distinct} distinct orders for seeds {seeds}); "
           "seed the loader's own generator with seed", distinct=len(set(orders)), seeds=listed(seeds))
