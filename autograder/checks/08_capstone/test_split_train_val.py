"""Hidden checks for ``split_train_val(dataset, val_size, seed)``: a random split into (train_subset, val_subset) of
exact sizes that do not overlap and cover the dataset, made with a torch.Generator seeded with ``seed``.

The dataset is a TensorDataset of the numbers 0..n-1, so each sample says which one it is.
"""
import torch

from autograder.checking import expect, fail, requires, walk


def split(student, n: int, val_size: int, seed: int) -> tuple[list[int], list[int], str]:
    what = f"split_train_val(TensorDataset(torch.arange({n})), val_size={val_size}, seed={seed})"
    data = student.TensorDataset(torch.arange(n))
    parts = student.split_train_val.call(data, val_size, seed).result()
    if not isinstance(parts, (tuple, list)) or len(parts) != 2:
        fail("{what} returned a {kind}; return the pair (train_subset, val_subset)", what=what,
             kind=type(parts).__name__)
    ids = []
    for part, name in zip(parts, ("train_subset", "val_subset")):
        samples = walk(student, part, f"{name} of {what}")
        numbers = []
        for sample in samples:
            value = sample[0] if isinstance(sample, (tuple, list)) and len(sample) == 1 else sample
            if not isinstance(value, torch.Tensor) or value.numel() != 1:
                fail("{what}: {name} yielded a {kind}; keep the dataset's samples (Subset or random_split)",
                     what=what, name=name, kind=type(value).__name__)
            numbers.append(int(value))
        ids.append(numbers)
    return ids[0], ids[1], what


def test_sizes_are_exact_and_the_parts_cover_the_data_once(student):
    for n, val_size, seed in ((50, 10, 0), (7, 1, 2), (30, 29, 3), (12, 0, 1)):
        train, val, what = split(student, n, val_size, seed)
        if len(train) == val_size != n - val_size and len(val) == n - val_size:
            fail("{what}: the sizes are swapped ({train} and {val}); the validation subset has val_size samples",
                 what=what, train=len(train), val=len(val))
        expect(len(train) == n - val_size and len(val) == val_size,
               "{what} gave subsets of {train} and {val} samples; expected {want_train} and {want_val}",
               what=what, train=len(train), val=len(val), want_train=n - val_size, want_val=val_size)
        expect(not set(train) & set(val), "{what}: {count} samples are in both subsets; split one permutation of the "
               "indices (random_split), do not draw the two subsets separately", what=what,
               count=len(set(train) & set(val)))
        expect(sorted(train + val) == list(range(n)),
               "{what}: the two subsets together do not hold every sample exactly once", what=what)


@requires(test_sizes_are_exact_and_the_parts_cover_the_data_once)
def test_the_split_is_random_and_reproducible_with_its_seed(student):
    n, val_size = 60, 15
    train, val, what = split(student, n, val_size, 0)
    expect(val != list(range(n - val_size, n)) and val != list(range(val_size)),
           "{what}: the validation subset is a block of consecutive samples; shuffle the indices with a seeded "
           "torch.Generator (random_split(..., generator=...))", what=what)
    again_train, again_val, _what = split(student, n, val_size, 0)
    expect(again_train == train and again_val == val,
           "{what} gave two different splits for the same seed; seed a torch.Generator with seed and pass it to "
           "random_split", what=what)
    other_train, other_val, other = split(student, n, val_size, 1)
    expect(other_val != val, "{what} and {other} gave the same split: the seed is not used; pass "
           "generator=torch.Generator().manual_seed(seed)", what=what, other=other)
