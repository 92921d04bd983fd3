"""Hidden checks for ``split_dataset(dataset, n_val, seed)``: a random, disjoint, complete and reproducible split."""
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, fail, walk
from autograder.i18n import _
from autograder.student import Remote
from checks_07_data_loading import kind


def values_of(n: int) -> torch.Tensor:
    return torch.arange(n, dtype=torch.int64) * 10 + 3


def split(student, n: int, n_val: int, seed: int):
    result = student.split_dataset(student.TensorDataset(values_of(n)), n_val, seed)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail("split_dataset returned a {kind}; it must return the pair (train, val)", kind=kind(result))
    return result


def indices(student, subset, what: str) -> list[int]:
    """The dataset positions of a subset's items, read in one call through its __len__ and __getitem__."""
    if not isinstance(subset, Remote):
        fail("{what} is a {kind}; return datasets (e.g. the Subsets that random_split makes)", what=what,
             kind=kind(subset))
    size = subset.attr("__len__")()
    items = walk(student, student.builtin("map")(student.builtin("getattr")(subset, "__getitem__"), list(range(size))), what)
    out = []
    for item in items:
        value = item[0] if isinstance(item, (tuple, list)) and len(item) == 1 else item
        if not isinstance(value, torch.Tensor) or value.numel() != 1:
            fail("an item of {what} is a {kind}; items must be the dataset's own samples", what=what, kind=kind(item))
        out.append((int(value) - 3) // 10)
    return out


def called(n: int, n_val: int, seed: int) -> str:
    """The call as messages show it."""
    return _("split_dataset(dataset of {n}, n_val={n_val}, seed={seed})").format(n=n, n_val=n_val, seed=seed)


def parts(student, train, val, what: str) -> tuple[list[int], list[int]]:
    return (indices(student, train, _("train of {what}").format(what=what)),
            indices(student, val, _("val of {what}").format(what=what)))


cases = st.integers(0, 30).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n), st.integers(0, 2**31 - 1)))


@given(case=cases)
def test_lengths_are_n_minus_n_val_and_n_val(student, case):
    n, n_val, seed = case
    train, val = split(student, n, n_val, seed)
    sizes = (train.attr("__len__")(), val.attr("__len__")()) if isinstance(train, Remote) and isinstance(val, Remote) else None
    expect(sizes is not None, "split_dataset must return two datasets (train, val)")
    if sizes == (n_val, n - n_val) and n_val != n - n_val:
        fail("split_dataset(dataset of {n}, n_val={n_val}) returned lengths {sizes}: the pair is (train, val), so train "
             "has {n_train} samples and val has {n_val}", n=n, n_val=n_val, sizes=sizes, n_train=n - n_val)
    expect(sizes == (n - n_val, n_val),
           "split_dataset(dataset of {n}, n_val={n_val}) returned lengths {sizes}; expected ({n_train}, {n_val})",
           n=n, n_val=n_val, sizes=sizes, n_train=n - n_val)


@given(case=cases)
def test_parts_are_disjoint_and_cover_the_dataset(student, case):
    n, n_val, seed = case
    train, val = split(student, n, n_val, seed)
    what = called(n, n_val, seed)
    a, b = parts(student, train, val, what)
    expect(len(set(a)) == len(a) and len(set(b)) == len(b), "{what} repeats samples inside a part", what=what)
    expect(not set(a) & set(b), "{what}: train and val share {shared} samples; the parts must not overlap (split one "
                                "permutation, do not draw two)", what=what, shared=len(set(a) & set(b)))
    expect(sorted(a + b) == list(range(n)), "{what}: train and val together hold {held} of the {n} samples; together "
                                            "they must cover the whole dataset", what=what, held=len(set(a) | set(b)), n=n)


def test_split_is_random_not_a_slice(student):
    slices = 0
    for seed in (0, 1, 2, 3):
        train, val = split(student, 20, 5, seed)
        a, b = parts(student, train, val, called(20, 5, seed))
        slices += sorted(b) in (list(range(15, 20)), list(range(5))) or sorted(a) in (list(range(15)), list(range(5, 20)))
    expect(slices < 2, "split_dataset cuts the dataset into a head and a tail; "
                       "the split must be random (random_split or a random permutation)")


def test_same_seed_same_split_and_different_seeds_differ(student):
    seen = {}
    for seed in (0, 1, 2, 5, 2**31 - 1):
        runs = []
        for _run in range(2):
            train, val = split(student, 24, 8, seed)
            a, b = parts(student, train, val, called(24, 8, seed))
            runs.append((tuple(a), tuple(b)))
        expect(runs[0] == runs[1], "{what} gave two different splits; the split must depend only on the seed: pass "
                                   "generator=torch.Generator().manual_seed(seed)", what=called(24, 8, seed))
        seen[seed] = frozenset(runs[0][1])
    expect(len(set(seen.values())) == len(seen),
           "split_dataset gave the same validation set for different seeds ({distinct} distinct for {count} seeds); seed "
           "a generator with seed and pass it to random_split", distinct=len(set(seen.values())), count=len(seen))
