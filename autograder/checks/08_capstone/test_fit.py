"""Hidden checks for ``fit(model, train_loader, val_loader, epochs, lr, seed, checkpoint=None)``.

The judge replays the loop on small networks of its own (Linear-ReLU-[Dropout]-Linear on 6 features, 3 classes) over
unshuffled loaders whose last batches are smaller, with the two optimizers the task allows (SGD with momentum=0.9, or
Adam), and accepts whichever the student chose. Named mistakes are replayed too: an optimizer made again every epoch,
no zero_grad, training in eval mode after the first validation, validating in train mode, losses averaged per batch.
A Dropout(1.0) network makes the modes visible without randomness: in train mode its hidden units are all zero.
"""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from autograder.checking import expect, expect_device_safe, fail, on, requires
from autograder.i18n import _
from checks_08_capstone import local_net, random_state, remote_net, same

SIZES = (6, 5, 3)
LR = 0.05


def data(seed: int, n: int) -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    return torch.randn(n, SIZES[0], generator=generator), torch.randint(0, SIZES[2], (n,), generator=generator)


TRAIN = data(10, 20)  # batches of 8, 8 and 4
VAL = data(11, 10)  # batches of 4, 4 and 2


def batches(x, y, size):
    return [(x[i:i + size], y[i:i + size]) for i in range(0, len(x), size)]


def layers(dropout):
    return [("0", SIZES[0], SIZES[1]), ("3" if dropout is not None else "2", SIZES[1], SIZES[2])]


def replay(state, dropout, epochs, optimizer, variant="right", handed_eval=False):
    """(final state, per-sample train losses, per-sample val losses, per-batch-mean train losses, per-batch-mean val
    losses) of the reference loop, or of the mistake ``variant`` names."""
    model = local_net(SIZES, dropout, state)
    model.train(not handed_eval)

    def make():
        if optimizer == "sgd":
            return torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)
        return torch.optim.Adam(model.parameters(), lr=LR)

    opt = make()
    train_losses, val_losses, train_means, val_means = [], [], [], []
    for epoch in range(epochs):
        if variant == "recreated":
            opt = make()
        if variant != "train_once" or epoch == 0:
            model.train()
        total, means = 0.0, []
        for x, y in batches(*TRAIN, 8):
            loss = F.cross_entropy(model(x), y)
            if variant != "no_zero_grad":
                opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(x)
            means.append(loss.item())
        train_losses.append(total / len(TRAIN[0]))
        train_means.append(float(np.mean(means)))
        model.train(variant == "val_train_mode")
        total, means = 0.0, []
        with torch.no_grad():
            for x, y in batches(*VAL, 4):
                loss = F.cross_entropy(model(x), y)
                total += loss.item() * len(x)
                means.append(loss.item())
        val_losses.append(total / len(VAL[0]))
        val_means.append(float(np.mean(means)))
    state = {n: t.detach().clone() for n, t in model.state_dict().items()}
    return state, train_losses, val_losses, train_means, val_means


def run(student, dropout, epochs, seed=0, handed_eval=False, state_seed=1):
    state = random_state(layers(dropout), state_seed)
    model = remote_net(student, SIZES, dropout, state)
    if handed_eval:
        model.attr("eval")()
    train_loader = student.DataLoader(student.TensorDataset(*TRAIN), batch_size=8)
    val_loader = student.DataLoader(student.TensorDataset(*VAL), batch_size=4)
    what = _("fit(model, train_loader of 20 samples, val_loader of 10 samples, epochs={epochs}, lr=0.05, "
             "seed={seed})").format(epochs=epochs, seed=seed)
    result = student.fit.call(model, train_loader, val_loader, epochs, LR, seed).result()
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail("{what} returned a {kind}; return the pair (train_losses, val_losses)", what=what,
             kind=type(result).__name__)
    for losses in result:
        if not isinstance(losses, list) or not all(isinstance(v, float) for v in losses):
            fail("{what} returned losses that are not lists of Python floats; append loss.item() sums divided by "
                 "the number of samples", what=what)
        expect(len(losses) == epochs, "{what} returned {count} losses; one per epoch: {epochs}", what=what,
               count=len(losses), epochs=epochs)
    return model, state, result[0], result[1], what


def matching_optimizer(got, state, dropout, epochs, handed_eval=False):
    for optimizer in ("adam", "sgd"):
        reference = replay(state, dropout, epochs, optimizer, handed_eval=handed_eval)
        if same(got, reference[0]):
            return optimizer, reference
    return None, None


def test_training_matches_sgd_or_adam_and_the_losses_are_sample_means(student):
    model, state, train_losses, val_losses, what = run(student, None, 3)
    got = model.attr("state_dict")()
    optimizer, reference = matching_optimizer(got, state, None, 3)
    if optimizer is None:
        if same(got, state, atol=0):
            fail("{what} did not change the model's weights: train the model that is passed in", what=what)
        for variant, message in (
                ("recreated", _("the optimizer is created again every epoch, which resets its momentum (Adam: its "
                                "moment estimates); create it once before the loop")),
                ("no_zero_grad", _("gradients add up across steps; call optimizer.zero_grad() every step"))):
            if any(same(got, replay(state, None, 3, o, variant)[0]) for o in ("adam", "sgd")):
                fail("{what}: {mistake}", what=what, mistake=message)
        fail("{what}: the weights after 3 epochs differ from both SGD(lr, momentum=0.9) and Adam(lr) with "
             "F.cross_entropy on each batch in the loader's order", what=what)
    _state, want_train, want_val, train_means, val_means = reference
    if not np.allclose(train_losses, want_train, rtol=1e-4, atol=1e-6):
        if np.allclose(train_losses, train_means, rtol=1e-4, atol=1e-6):
            fail("{what}: the training losses are the means of the batch losses; the last batch is smaller, so "
                 "weight each batch by its size (sum loss.item() * len(x), divide by the number of samples)", what=what)
        fail("{what}: the training losses differ from the mean cross-entropy over the samples of each epoch",
             what=what)
    if not np.allclose(val_losses, want_val, rtol=1e-4, atol=1e-6):
        if np.allclose(val_losses, val_means, rtol=1e-4, atol=1e-6):
            fail("{what}: the validation losses are the means of the batch losses; the last batch is smaller, so "
                 "divide the summed loss by the number of validation samples", what=what)
        fail("{what}: the validation losses differ from the mean cross-entropy over the validation samples after "
             "each epoch", what=what)


@requires(test_training_matches_sgd_or_adam_and_the_losses_are_sample_means)
def test_trains_in_train_mode_validates_in_eval_mode_and_ends_in_eval_mode(student):
    model, state, train_losses, val_losses, what = run(student, 1.0, 2, handed_eval=True, state_seed=2)
    what = _("{what} on a network with Dropout(1.0) handed over in eval mode").format(what=what)
    got = model.attr("state_dict")()
    optimizer, reference = matching_optimizer(got, state, 1.0, 2)
    if optimizer is None:
        if any(same(got, replay(state, 1.0, 2, o, handed_eval=True, variant="train_once")[0]) for o in ("adam", "sgd")):
            fail("{what}: the second epoch trained in eval mode (the validation left it there); call model.train() "
                 "at the start of every epoch", what=what)
        fail("{what}: the weights differ from training in train mode, where Dropout(1.0) zeroes the hidden units; "
             "call model.train() before each epoch's training", what=what)
    if not np.allclose(val_losses, reference[2], rtol=1e-4, atol=1e-6):
        wrong = replay(state, 1.0, 2, optimizer, "val_train_mode")[2]
        if np.allclose(val_losses, wrong, rtol=1e-4, atol=1e-6):
            fail("{what}: the validation losses were computed in train mode, with Dropout active; call model.eval() "
                 "before validating", what=what)
        fail("{what}: the validation losses differ from those of the model in eval mode", what=what)
    expect(model.attr("training").get() is False,
           "{what} left the model in train mode; fit returns it in eval mode, as the last validation left it",
           what=what)


@requires(test_training_matches_sgd_or_adam_and_the_losses_are_sample_means)
def test_the_seed_makes_dropout_reproducible(student):
    runs = {}
    for seed, label in ((3, "a"), (3, "b"), (4, "c")):
        model, _state, _train, _val, what = run(student, 0.5, 2, seed=seed, state_seed=4)
        runs[label] = (model.attr("state_dict")(), what)
    expect(same(runs["a"][0], runs["b"][0], atol=0),
           "{what} trained the same network to different weights twice: call torch.manual_seed(seed) at the start "
           "of fit so the Dropout masks repeat", what=runs["a"][1])
    expect(not same(runs["a"][0], runs["c"][0], atol=0),
           "{what} and seed=4 gave the same weights: the Dropout masks do not depend on the seed; call "
           "torch.manual_seed(seed) at the start of fit", what=runs["a"][1])


@requires(test_training_matches_sgd_or_adam_and_the_losses_are_sample_means)
def test_zero_epochs_change_nothing(student):
    model, state, train_losses, val_losses, what = run(student, None, 0)
    expect(train_losses == [] and val_losses == [], "{what} must return two empty lists", what=what)
    expect(same(model.attr("state_dict")(), state, atol=0), "{what} changed the weights", what=what)


@requires(test_training_matches_sgd_or_adam_and_the_losses_are_sample_means)
@pytest.mark.shape_only
def test_trains_where_the_model_and_the_batches_are(student, device):
    state = random_state(layers(None), 5)
    model = remote_net(student, SIZES, None, state)
    model.attr("to")(device.type)
    train_loader = student.DataLoader(student.TensorDataset(*on(device, *TRAIN)), batch_size=8)
    val_loader = student.DataLoader(student.TensorDataset(*on(device, *VAL)), batch_size=4)
    what = _("fit with the model and the loaders' batches on the {device} device").format(device=device.type)
    call = student.fit.call(model, train_loader, val_loader, 2, LR, 0)
    expect_device_safe(call, what)
    if device.type == "meta":
        return
    got = {k: v.cpu() for k, v in model.attr("state_dict")().items()}
    expect(matching_optimizer(got, state, None, 2)[0] is not None,
           "{what}: the weights after 2 epochs differ from SGD(lr, momentum=0.9) or Adam(lr)", what=what)
