"""Hidden checks for ``train_mlp(model, loader, steps, lr, momentum)``: exactly ``steps`` mini-batches (a new pass over
the loader each epoch), images flattened, SGD with momentum, CrossEntropyLoss on logits, in train mode.

The trajectory checks replay the loop in the judge, on an unshuffled loader and on a shuffled, seeded one whose
epochs the judge reads from its own copy of the loader (a second epoch in the first one's order is a replay, not a
new pass); the mode check trains a network with Dropout(1.0), handed over in eval mode, whose first layer learns only
in eval mode; the accuracy check trains a 784-128-64-10 network through torchvision's MNIST with a shuffled loader
and requires a test accuracy the reference loop reaches with margin (calibrated: 0.953 after 150 steps; feeding softmax
to the loss reaches 0.567, the same batch every step 0.750).
"""

import numpy as np
import pytest
import torch

from autograder.checking import expect, fail, on, requires
from autograder.i18n import _
from autograder.oracles import SGD, mnist, normalized_mnist
from autograder.remembered import remembered
from autograder.student import Remote
from checks_06_optimizer_loop import ROOT, expect_step_on_meta, param_versions, same

THRESHOLD = 0.88
STEPS = 150  # 150 batches of 32: the worked solution reaches 0.953, softmax before the loss 0.567


def normalized(train: bool) -> tuple[torch.Tensor, torch.Tensor]:
    images, targets = mnist(train)
    return normalized_mnist(images), targets


def remote_mlp(student, sizes: tuple, dropout: bool = False) -> Remote:
    """Linear and ReLU layers of ``sizes``; ``dropout``: a Dropout(1.0) after the first ReLU (train mode: zeros)."""
    nn = student.nn
    parts = []
    for i in range(len(sizes) - 1):
        parts.append(nn.attr("Linear")(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            parts.append(nn.attr("ReLU")())
        if dropout and i == 0:
            parts.append(nn.attr("Dropout")(1.0))
    return nn.attr("Sequential")(*parts)


def local_mlp(sizes: tuple, state: dict, dropout: bool = False) -> torch.nn.Module:
    parts = []
    for i in range(len(sizes) - 1):
        parts.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            parts.append(torch.nn.ReLU())
        if dropout and i == 0:
            parts.append(torch.nn.Dropout(1.0))
    model = torch.nn.Sequential(*parts)
    model.load_state_dict(state)
    return model


@remembered  # the same inputs for every submission: computed once per grading process
def replay(sizes, state, epochs: list, steps, lr, momentum, variant="right", dropout: bool = False):
    """The reference loop over ``epochs`` (the batches of each pass over the loader, in order); ``variant`` names a
    mistake: softmax before the loss, a new optimizer per step, no zero_grad, the first epoch replayed (itertools.cycle),
    training in eval mode."""
    model = local_mlp(sizes, state, dropout)
    model.train(variant != "eval_mode")
    optimizer = SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for epoch in range(len(epochs)):
        batches = epochs[0] if variant == "cycled" else epochs[epoch]
        for x, y in batches:
            if len(losses) == steps:
                break
            if variant == "recreated":
                optimizer = SGD(model.parameters(), lr=lr, momentum=momentum)
            out = model(x.view(len(x), -1))
            if variant == "softmax":
                out = torch.softmax(out, dim=1)
            loss = torch.nn.functional.cross_entropy(out, y)
            if variant != "no_zero_grad":
                optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        if len(losses) == steps:
            break
    return {n: t.detach().clone() for n, t in model.state_dict().items()}, losses


def train(student, model, loader, steps, lr, momentum, what):
    call = student.train_mlp.call(model, loader, steps, lr, momentum)
    if call.raised == "RuntimeError" and "shapes cannot be multiplied" in call.error_message:
        fail("{what}: the images were not flattened, so it raised RuntimeError ({details}); make each batch (B, 784) "
             "with img.view(img.size(0), -1)", what=what, details=call.error_message[:70])
    losses = call.result()
    if isinstance(losses, list) and any(isinstance(v, torch.Tensor) for v in losses):
        fail("{what} returned a list of tensors; return the losses as Python floats (loss.item())", what=what)
    if not isinstance(losses, list):
        fail("{what} returned a {kind}; return a list of the losses as Python floats (loss.item())",
             what=what, kind=type(losses).__name__)
    expect(all(isinstance(v, float) for v in losses),
           "{what} returned losses that are not Python floats; append loss.item() at each step", what=what)
    return losses


def trajectory_case(student, steps: int):
    images, targets = normalized(train=True)
    x, y = images[:96], targets[:96]
    sizes = (784, 16, 12, 10)
    model = remote_mlp(student, sizes)
    state = model.attr("state_dict")()
    loader = student.DataLoader(student.TensorDataset(x, y), batch_size=32)
    batches = [(x[i:i + 32], y[i:i + 32]) for i in range(0, 96, 32)]
    what = _("train_mlp(model, loader of 3 batches, steps={steps}, lr=0.05, momentum=0.9)").format(steps=steps)
    losses = train(student, model, loader, steps, 0.05, 0.9, what)
    return sizes, state, [batches] * 3, model.attr("state_dict")(), losses, what


def judge_trajectory(got, losses, sizes, state, epochs, steps, what) -> None:
    want, want_losses = replay(sizes, state, epochs, steps, 0.05, 0.9)
    if len(losses) == len(epochs[0]) < steps:
        fail("{what} stopped after one pass over the loader ({count} steps): start a new pass over the loader until "
             "steps batches are done", what=what, count=len(losses))
    expect(len(losses) == steps, "{what} returned {count} losses: it must train exactly {steps} batches, one loss each",
           what=what, count=len(losses), steps=steps)
    if same(got, want, atol=1e-5):
        expect(np.allclose(losses, want_losses, rtol=1e-4, atol=1e-5),
               "{what} trained correctly but returned other losses: record loss.item() of each batch before the update",
               what=what)
        return
    if same(got, replay(sizes, state, epochs, steps, 0.05, 0.9, "cycled")[0], atol=1e-5):
        fail("{what}: epoch 2 replayed epoch 1's batches in the same order, as itertools.cycle does; start a new "
             "`for img, label in loader` each epoch so the loader reshuffles",
             what=what)
    for variant, message in (
            ("softmax", _("softmax is applied before CrossEntropyLoss, which applies log_softmax itself; pass the "
                          "logits")),
            ("recreated", _("the optimizer is rebuilt at every step, which resets the momentum; create it once")),
            ("no_zero_grad", _("gradients add up across steps; call optimizer.zero_grad() before loss.backward()"))):
        if same(got, replay(sizes, state, epochs, steps, 0.05, 0.9, variant)[0], atol=1e-5):
            fail("{what}: {mistake}", what=what, mistake=message)
    if same(got, state, atol=1e-5):
        fail("{what} did not change the model: train the model that is passed in (in place)", what=what)
    fail("{what}: the weights after training differ from SGD(lr, momentum) with CrossEntropyLoss on the flattened "
         "batches, in the loader's order", what=what)


def test_trajectory_matches_the_reference_loop(student):
    sizes, state, epochs, got, losses, what = trajectory_case(student, 7)
    judge_trajectory(got, losses, sizes, state, epochs, 7, what)


def test_runs_exactly_steps_batches(student):
    for steps in (0, 5):
        sizes, state, epochs, got, losses, what = trajectory_case(student, steps)
        expect(len(losses) == steps, "{what} returned {count} losses: it must train exactly {steps} batches",
               what=what, count=len(losses), steps=steps)
        want, _losses = replay(sizes, state, epochs, steps, 0.05, 0.9)
        expect(same(got, want, atol=1e-5),
               "{what}: the weights differ from exactly {steps} training steps; stop after steps "
               "batches, even in the middle of an epoch", what=what, steps=steps)


def test_each_epoch_is_a_new_pass_over_a_shuffled_loader(student):
    images, targets = normalized(train=True)
    x, y = images[96:176], targets[96:176]
    sizes = (784, 16, 12, 10)
    model = remote_mlp(student, sizes)
    state = model.attr("state_dict")()
    generator = student.torch.attr("Generator")().attr("manual_seed")(7)
    loader = student.DataLoader(student.TensorDataset(x, y), batch_size=32, shuffle=True, generator=generator)
    # the judge's copy of the loader: the same seeded generator gives the same order in each epoch
    mine = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=32, shuffle=True,
                                       generator=torch.Generator().manual_seed(7))
    epochs = [list(mine) for _epoch in range(3)]
    what = _("train_mlp(model, shuffled loader of 3 batches, steps=8, lr=0.05, momentum=0.9)")
    losses = train(student, model, loader, 8, 0.05, 0.9, what)
    judge_trajectory(model.attr("state_dict")(), losses, sizes, state, epochs, 8, what)


@requires(test_trajectory_matches_the_reference_loop)
def test_trains_in_train_mode_even_if_handed_an_eval_model(student):
    images, targets = normalized(train=True)
    x, y = images[:64], targets[:64]
    sizes = (784, 16, 10)
    model = remote_mlp(student, sizes, dropout=True)
    model.attr("eval")()  # e.g. evaluated after the previous epoch
    state = model.attr("state_dict")()
    loader = student.DataLoader(student.TensorDataset(x, y), batch_size=32)
    what = _("train_mlp on a model with Dropout(1.0) that was in eval mode")
    losses = train(student, model, loader, 3, 0.05, 0.9, what)
    expect(len(losses) == 3, "{what} returned {count} losses: it must train exactly 3 batches",
           what=what, count=len(losses))
    got = model.attr("state_dict")()
    epochs = [[(x[:32], y[:32]), (x[32:], y[32:])]] * 2
    if same(got, replay(sizes, state, epochs, 3, 0.05, 0.9, dropout=True)[0], atol=1e-5):
        return
    if same(got, replay(sizes, state, epochs, 3, 0.05, 0.9, "eval_mode", dropout=True)[0], atol=1e-5):
        fail("{what}: it trained in eval mode (Dropout off); call model.train() before the loop, the model may "
             "come in eval mode", what=what)
    fail("{what}: the weights differ from training in train mode, where Dropout(1.0) zeroes the hidden units; call "
         "model.train() before the loop", what=what)


def test_reaches_accuracy_on_held_out_digits(student):
    test_x, test_y = normalized(train=False)
    transforms = student.transforms
    transform = transforms.attr("Compose")([transforms.attr("ToTensor")(), transforms.attr("Normalize")([0.5], [0.5])])
    dataset = student.datasets.attr("MNIST")(ROOT, train=True, download=False, transform=transform)
    generator = student.torch.attr("Generator")().attr("manual_seed")(0)
    loader = student.DataLoader(dataset, batch_size=32, shuffle=True, generator=generator)
    model = remote_mlp(student, (784, 128, 64, 10))
    what = f"train_mlp(784-128-64-10 MLP, MNIST, steps={STEPS}, lr=0.02, momentum=0.9)"
    losses = train(student, model, loader, STEPS, 0.02, 0.9, what)
    expect(len(losses) == STEPS, "{what} returned {count} losses: it must train exactly {steps} batches",
           what=what, count=len(losses), steps=STEPS)
    logits = model(test_x.view(len(test_x), -1))
    accuracy = float((logits.argmax(dim=1) == test_y).double().mean())
    expect(accuracy >= THRESHOLD,
           "after {what} the test accuracy is only {accuracy:.3f} ({threshold} required, the reference reaches 0.95): "
           "check the loss on logits, zero_grad and a new batch each step",
           what=what, accuracy=accuracy, threshold=THRESHOLD)


# -- device checks -------------------------------------------------------------

@requires(test_trajectory_matches_the_reference_loop)
@pytest.mark.shape_only
def test_trains_where_the_model_and_the_batches_are(student, device):
    images, targets = normalized(train=True)
    x, y = images[:64], targets[:64]
    sizes = (784, 16, 12, 10)
    model = remote_mlp(student, sizes)
    state = model.attr("state_dict")()
    model.attr("to")(device.type)  # the caller put the model and the data on this device
    loader = student.DataLoader(student.TensorDataset(*on(device, x, y)), batch_size=32)
    what = _("train_mlp with the model and the loader's batches on the {device} device").format(device=device.type)
    if device.type == "meta":
        before = param_versions(student, model)
        call = student.train_mlp.call(model, loader, 3, 0.05, 0.9)
        expect_step_on_meta(call, before, param_versions(student, model), what)
        return
    losses = train(student, model, loader, 3, 0.05, 0.9, what)
    expect(len(losses) == 3, "{what} returned {count} losses: it must train exactly 3 batches",
           what=what, count=len(losses))
    got = model.attr("state_dict")()
    for key, value in got.items():
        expect(value.device.type == device.type,
               "{what}: the model's {key} ended up on {got}; do not move the model to another device inside train_mlp",
               what=what, key=key, got=value.device.type)
    want, _losses = replay(sizes, state, [[(x[:32], y[:32]), (x[32:], y[32:])]] * 2, 3, 0.05, 0.9)
    expect(same({k: v.cpu() for k, v in got.items()}, want, atol=1e-5),
           "{what}: the weights after 3 steps differ from SGD(lr, momentum) with CrossEntropyLoss on the flattened "
           "batches", what=what)
