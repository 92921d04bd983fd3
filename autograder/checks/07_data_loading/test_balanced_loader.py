"""Hidden checks for ``balanced_loader(dataset, labels, batch_size, num_samples, seed)``: a WeightedRandomSampler
that draws every class equally often, with replacement, from its own seeded generator.

Samples are the values ``values_of(n)``, so a batch tells which samples were drawn; class balance is measured on
thousands of draws (the draws are seeded, so the outcome is the same on every run: the bounds are wide enough that
any correct weighting passes for every seed, about six standard deviations).
"""
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, fail, requires, walk
from autograder.i18n import _
from autograder.student import Remote
from checks_07_data_loading import expect_a_dataloader, expect_no_worker_processes, listed, tensor_batches


def values_of(n: int) -> torch.Tensor:
    return torch.arange(n, dtype=torch.int64) * 3 + 1


def called(n: int, b: int, num_samples: int, seed: int) -> str:
    return _("balanced_loader(dataset of {n}, labels, {b}, {num_samples}, seed={seed})").format(
        n=n, b=b, num_samples=num_samples, seed=seed)


def loader_for(student, labels: torch.Tensor, batch_size: int, num_samples: int, seed: int) -> Remote:
    dataset = student.TensorDataset(values_of(len(labels)))
    loader = student.balanced_loader(dataset, labels, batch_size, num_samples, seed)
    expect_a_dataloader(loader, "balanced_loader")
    expect_no_worker_processes(student, loader, "balanced_loader")
    return loader


def drawn(batches: list, what: str) -> list[list[int]]:
    """The sample index of each draw, batch by batch."""
    return [[(v - 1) // 3 for v in batch.tolist()] for batch in tensor_batches(batches, what)]


def epochs(student, loader: Remote, count: int, what: str) -> list[list[int]]:
    """``count`` passes over ``loader`` read in ONE worker call (the worker reseeds its global RNG per call)."""
    passes = walk(student, student.builtin("map")(student.builtin("list"), [loader] * count), what)
    return [[i for batch in drawn(p, what) for i in batch] for p in passes]


def imbalanced(counts: list[int], classes: list[int]) -> torch.Tensor:
    """Labels with ``counts[k]`` samples of class ``classes[k]``, interleaved (not sorted by class)."""
    labels = torch.cat([torch.full((c,), k, dtype=torch.int64) for c, k in zip(counts, classes)])
    return labels[torch.randperm(len(labels), generator=torch.Generator().manual_seed(0))]


@st.composite
def cases(draw):
    n = draw(st.integers(1, 30))
    labels = torch.tensor(draw(st.lists(st.integers(0, 4), min_size=n, max_size=n)), dtype=torch.int64)
    return labels, draw(st.integers(1, 8)), draw(st.integers(1, 60)), draw(st.integers(0, 2**31 - 1))


@given(case=cases())
def test_an_epoch_draws_num_samples_in_batches(student, case):
    labels, b, num_samples, seed = case
    what = called(len(labels), b, num_samples, seed)
    batches = drawn(walk(student, loader_for(student, labels, b, num_samples, seed), what), what)
    got = sum(len(x) for x in batches)
    expect(got == num_samples,
           "an epoch of {what} read {got} samples; it must draw num_samples={num_samples} samples (with replacement, "
           "so num_samples may exceed the dataset's length)", what=what, got=got, num_samples=num_samples)
    expect(all(0 <= i < len(labels) for x in batches for i in x),
           "{what} yielded values that are not samples of the dataset", what=what)
    sizes = [len(x) for x in batches]
    want = [b] * (num_samples // b) + ([num_samples % b] if num_samples % b else [])
    expect(sizes == want, "{what} gave batches of sizes {got}; expected {want}", what=what, got=listed(sizes),
           want=listed(want))


def class_shares(labels: torch.Tensor, draws: list[int]) -> dict[int, float]:
    picked = labels[torch.tensor(draws, dtype=torch.int64)]
    return {int(c): (picked == c).float().mean().item() for c in labels.unique()}


@requires(test_an_epoch_draws_num_samples_in_batches)
def test_every_class_is_drawn_equally_often(student):
    for counts, classes in (([54, 6], [0, 3]), ([30, 10, 2], [2, 0, 1])):
        labels = imbalanced(counts, classes)
        for seed in (0, 1):
            what = called(len(labels), 500, 3000, seed)
            (draws,) = epochs(student, loader_for(student, labels, 500, 3000, seed), 1, what)
            want = 1 / len(classes)
            for c, share in class_shares(labels, draws).items():
                expect(abs(share - want) < 0.06,
                       "{what} drew class {c} {got} times in 3000 draws; each of the {k} classes should come up about "
                       "equally often (about {want} times): weight each sample by 1 / (the number of samples of its class)",
                       what=what, c=c, got=round(share * 3000), k=len(classes), want=round(want * 3000))


@requires(test_an_epoch_draws_num_samples_in_batches)
def test_every_sample_can_be_drawn(student):
    labels = imbalanced([54, 6], [0, 3])
    what = called(60, 500, 3000, 0)
    (draws,) = epochs(student, loader_for(student, labels, 500, 3000, 0), 1, what)
    never = sorted(set(range(60)) - set(draws))
    expect(not never,
           "in 3000 draws {what} never drew samples {never}; every sample needs its own weight (a weight per "
           "sample, len(labels) of them, not one per class)", what=what, never=listed(never[:6]))


@requires(test_every_class_is_drawn_equally_often)
def test_draws_come_from_its_own_seeded_generator(student):
    labels = imbalanced([20, 4], [0, 1])
    for seed in (0, 5, 2024):
        what = called(24, 8, 40, seed)
        orders = []
        for global_seed in (1, 2):
            zipped = student.builtin("zip")(student.builtin("map")(student.torch.attr("manual_seed"), [global_seed]),
                                            student.builtin("map")(student.builtin("list"),
                                                                   [loader_for(student, labels, 8, 40, seed)]))
            steps = walk(student, zipped, what)
            if len(steps) != 1:
                fail("reading {what} gave no epoch", what=what)
            orders.append([i for batch in drawn(steps[0][1], what) for i in batch])
        expect(orders[0] == orders[1],
               "{what} drew different samples after torch.manual_seed was called elsewhere: the sampler uses the "
               "global random generator; give the sampler its own: generator=torch.Generator().manual_seed(seed)",
               what=what)


@requires(test_draws_come_from_its_own_seeded_generator)
def test_same_seed_repeats_and_epochs_differ(student):
    labels = imbalanced([20, 4], [0, 1])
    seeds = (0, 1, 7, 2**31 - 1)
    firsts = []
    for seed in seeds:
        what = called(24, 8, 40, seed)
        first = epochs(student, loader_for(student, labels, 8, 40, seed), 2, what)
        again = epochs(student, loader_for(student, labels, 8, 40, seed), 2, what)
        expect(first == again, "two loaders made by {what} drew different samples; the draws must depend only on the "
               "seed", what=what)
        expect(first[0] != first[1], "{what} drew the same samples in two epochs; keep one generator whose state "
               "moves on, do not reseed it every epoch", what=what)
        firsts.append(tuple(first[0]))
    expect(len(set(firsts)) == len(seeds),
           "balanced_loader drew the same samples for different seeds; seed the sampler's generator with seed")


@requires(test_an_epoch_draws_num_samples_in_batches)
def test_labels_are_left_unchanged(student):
    labels = imbalanced([10, 3], [1, 4])
    call = student.balanced_loader.call(student.TensorDataset(values_of(13)), labels, 4, 20, 0)
    expect(isinstance(call.result(), Remote) and torch.equal(call.args[1], labels),
           "balanced_loader changed the labels tensor it was given; compute the weights in a new tensor")
