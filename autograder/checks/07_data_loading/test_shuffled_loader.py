"""Hidden checks for ``shuffled_loader(dataset, batch_size, seed)``: reshuffled every epoch, reproducible from the seed."""
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, fail, kind, listed, walk
from autograder.student import Remote


def values_of(n: int) -> torch.Tensor:
    return torch.arange(n, dtype=torch.int64) * 5 + 2


def loader_for(student, n: int, batch_size: int, seed: int) -> Remote:
    loader = student.shuffled_loader(student.TensorDataset(values_of(n)), batch_size, seed)
    expect(isinstance(loader, Remote), f"shuffled_loader returned a {kind(loader)}; return the DataLoader itself")
    return loader


def epoch(student, loader: Remote, what: str) -> list[list[int]]:
    """One pass over ``loader``: the dataset values of each batch."""
    out = []
    for batch in walk(student, loader, what):
        if isinstance(batch, (list, tuple)) and len(batch) == 1:
            batch = batch[0]
        if not isinstance(batch, torch.Tensor) or batch.dim() != 1:
            fail(f"{what} yielded a batch that is a {kind(batch)}; a TensorDataset batch is a list holding one 1-D tensor "
                 f"(keep the default collate_fn)")
        out.append(batch.tolist())
    return out


def flat(batches: list[list[int]]) -> list[int]:
    return [v for batch in batches for v in batch]


@given(n=st.integers(1, 40), b=st.integers(1, 8), seed=st.integers(0, 2**31 - 1))
def test_each_epoch_is_a_permutation_in_full_batches(student, n, b, seed):
    what = f"shuffled_loader(dataset of {n}, {b}, seed={seed})"
    loader = loader_for(student, n, b, seed)
    for k in range(2):
        batches = epoch(student, loader, what)
        seen = flat(batches)
        expect(sorted(seen) == values_of(n).tolist(),
               f"epoch {k + 1} of {what} read {len(seen)} samples{' with repeats' if len(set(seen)) < len(seen) else ''}; "
               f"every epoch must read each of the {n} samples exactly once (a permutation; keep the last partial batch)")
        sizes = [len(x) for x in batches]
        want = [b] * (n // b) + ([n % b] if n % b else [])
        expect(sizes == want, f"{what} gave batches of sizes {listed(sizes)}; expected {listed(want)}")


def test_order_is_shuffled_and_changes_every_epoch(student):
    for seed in (0, 1, 2024):
        what = f"shuffled_loader(dataset of 30, 4, seed={seed})"
        loader = loader_for(student, 30, 4, seed)
        epochs = [flat(epoch(student, loader, what)) for _ in range(3)]
        expect(epochs[0] != values_of(30).tolist(), f"{what} read the samples in their original order; use shuffle=True")
        expect(epochs[0] != epochs[1] and epochs[1] != epochs[2],
               f"{what} gave the same order in consecutive epochs; each epoch must be reshuffled: give the DataLoader "
               f"one generator that keeps its state, do not reseed or fix the order once")


def test_same_seed_reproduces_every_epoch(student):
    for seed in (0, 7, 123456):
        what = f"shuffled_loader(dataset of 25, 6, seed={seed})"
        first, again = loader_for(student, 25, 6, seed), loader_for(student, 25, 6, seed)
        for k in range(2):
            expect(epoch(student, first, what) == epoch(student, again, what),
                   f"two loaders made by {what} gave different orders in epoch {k + 1}; the order must depend only on "
                   f"the seed: pass generator=torch.Generator().manual_seed(seed)")


def test_different_seeds_give_different_orders(student):
    seeds = (0, 1, 2, 3, 99, 2**31 - 1)
    orders = [tuple(flat(epoch(student, loader_for(student, 30, 5, s), f"shuffled_loader(dataset of 30, 5, seed={s})")))
              for s in seeds]
    expect(len(set(orders)) == len(seeds),
           f"shuffled_loader gave the same order for different seeds ({len(set(orders))} distinct orders for seeds {seeds}); "
           f"seed the loader's own generator with seed instead of relying on the global random state")
