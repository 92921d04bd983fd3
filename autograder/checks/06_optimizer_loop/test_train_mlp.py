"""Hidden checks for ``train_mlp(model, loader, steps, lr, momentum)``: exactly ``steps`` mini-batches (restarting the
loader each epoch), images flattened, SGD with momentum, CrossEntropyLoss on logits.

The trajectory check replays the loop in the judge on an unshuffled loader; the accuracy check trains a
784-128-64-10 network through torchvision's MNIST with a shuffled loader and requires a test accuracy the
reference loop reaches with margin (calibrated: about 0.96 with these settings).
"""

import numpy as np
import pytest
import torch

from autograder.checking import expect, expect_step_on_meta, fail, on, param_versions
from autograder.oracles import SGD, mnist
from autograder.student import Remote

ROOT = "data"
THRESHOLD = 0.88


def normalized(train: bool) -> tuple[torch.Tensor, torch.Tensor]:
    images, targets = mnist(train)
    return ((images.float() / 255 - 0.5) / 0.5).unsqueeze(1), targets


def remote_mlp(student, sizes: tuple) -> Remote:
    nn = student.nn
    parts = []
    for i in range(len(sizes) - 1):
        parts.append(nn.attr("Linear")(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            parts.append(nn.attr("ReLU")())
    return nn.attr("Sequential")(*parts)


def local_mlp(sizes: tuple, state: dict) -> torch.nn.Module:
    parts = []
    for i in range(len(sizes) - 1):
        parts.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            parts.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*parts)
    model.load_state_dict(state)
    return model


def replay(sizes, state, batches, steps, lr, momentum, variant="right"):
    model = local_mlp(sizes, state)
    optimizer = SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    while len(losses) < steps:
        for x, y in batches:
            if len(losses) == steps or (variant == "one_epoch" and len(losses) == len(batches)):
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
        if variant == "one_epoch":
            break
    return {n: t.detach().clone() for n, t in model.state_dict().items()}, losses


def same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(torch.allclose(a[n], b[n], rtol=1e-4, atol=1e-5) for n in a)


def train(student, model, loader, steps, lr, momentum, what):
    call = student.train_mlp.call(model, loader, steps, lr, momentum)
    if call.raised == "RuntimeError" and "shapes cannot be multiplied" in call.error_message:
        fail(f"{what} raised RuntimeError ({call.error_message[:70]}); flatten each batch of images to (B, 784) "
             f"with img.view(img.size(0), -1) before the model")
    losses = call.result()
    if not isinstance(losses, list) or any(isinstance(v, torch.Tensor) for v in losses):
        fail(f"{what} returned a {type(losses).__name__}{' of tensors' if isinstance(losses, list) else ''}; "
             f"return a list of Python floats (loss.item())")
    expect(all(isinstance(v, float) for v in losses), f"{what} returned losses that are not Python floats")
    return losses


def trajectory_case(student, steps: int):
    images, targets = normalized(train=True)
    x, y = images[:96], targets[:96]
    sizes = (784, 16, 12, 10)
    model = remote_mlp(student, sizes)
    state = model.attr("state_dict")()
    loader = student.DataLoader(student.TensorDataset(x, y), batch_size=32)
    batches = [(x[i:i + 32], y[i:i + 32]) for i in range(0, 96, 32)]
    what = f"train_mlp(model, loader of 3 batches, steps={steps}, lr=0.05, momentum=0.9)"
    losses = train(student, model, loader, steps, 0.05, 0.9, what)
    return sizes, state, batches, model.attr("state_dict")(), losses, what


def test_trajectory_matches_the_reference_loop(student):
    sizes, state, batches, got, losses, what = trajectory_case(student, 7)
    want, want_losses = replay(sizes, state, batches, 7, 0.05, 0.9)
    if len(losses) == 3:
        fail(f"{what} stopped after one pass over the loader ({len(losses)} steps); restart the loader until "
             f"steps batches are done")
    expect(len(losses) == 7, f"{what} returned {len(losses)} losses; it must train exactly 7 batches")
    if same(got, want):
        expect(np.allclose(losses, want_losses, rtol=1e-4, atol=1e-5),
               f"{what} trained correctly but returned different losses; record loss.item() before each update")
        return
    for variant, message in (
            ("softmax", "softmax is applied before CrossEntropyLoss, which applies log_softmax itself; pass the logits"),
            ("recreated", "the optimizer is rebuilt at every step, which resets the momentum; create it once"),
            ("no_zero_grad", "gradients add up across steps; call optimizer.zero_grad() before loss.backward()")):
        if same(got, replay(sizes, state, batches, 7, 0.05, 0.9, variant)[0]):
            fail(f"{what}: {message}")
    if same(got, state):
        fail(f"{what} did not change the model; train the model that is passed in (in place)")
    fail(f"{what}: the weights after training differ from SGD(lr, momentum) with CrossEntropyLoss on the flattened "
         f"batches, in the loader's order")


def test_runs_exactly_steps_batches(student):
    for steps in (0, 5):
        sizes, state, batches, got, losses, what = trajectory_case(student, steps)
        expect(len(losses) == steps, f"{what} returned {len(losses)} losses; it must train exactly {steps} batches")
        want, _ = replay(sizes, state, batches, steps, 0.05, 0.9)
        expect(same(got, want), f"{what}: the weights differ from exactly {steps} training steps")


def test_reaches_accuracy_on_held_out_digits(student):
    test_x, test_y = normalized(train=False)
    transforms = student.transforms
    transform = transforms.attr("Compose")([transforms.attr("ToTensor")(), transforms.attr("Normalize")([0.5], [0.5])])
    dataset = student.datasets.attr("MNIST")(ROOT, train=True, download=False, transform=transform)
    generator = student.torch.attr("Generator")().attr("manual_seed")(0)
    loader = student.DataLoader(dataset, batch_size=32, shuffle=True, generator=generator)
    model = remote_mlp(student, (784, 128, 64, 10))
    what = "train_mlp(784-128-64-10 MLP, MNIST training loader, steps=300, lr=0.02, momentum=0.9)"
    losses = train(student, model, loader, 300, 0.02, 0.9, what)
    expect(len(losses) == 300, f"{what} returned {len(losses)} losses; it must train exactly 300 batches")
    logits = model(test_x.view(len(test_x), -1))
    accuracy = float((logits.argmax(dim=1) == test_y).double().mean())
    expect(accuracy >= THRESHOLD,
           f"after {what} the test accuracy is {accuracy:.3f}; the reference loop reaches about 0.96 (at least "
           f"{THRESHOLD} is required): check the loss on logits, zero_grad, and that every step uses a new batch")


# -- device checks -------------------------------------------------------------

@pytest.mark.shape_only
def test_trains_where_the_model_and_the_batches_are(student, device):
    images, targets = normalized(train=True)
    x, y = images[:64], targets[:64]
    sizes = (784, 16, 12, 10)
    model = remote_mlp(student, sizes)
    state = model.attr("state_dict")()
    model.attr("to")(device.type)  # the caller put the model and the data on this device
    loader = student.DataLoader(student.TensorDataset(*on(device, x, y)), batch_size=32)
    what = f"train_mlp with the model and the loader's batches on the {device.type} device"
    if device.type == "meta":
        before = param_versions(student, model)
        call = student.train_mlp.call(model, loader, 3, 0.05, 0.9)
        expect_step_on_meta(call, before, param_versions(student, model), what)
        return
    losses = train(student, model, loader, 3, 0.05, 0.9, what)
    expect(len(losses) == 3, f"{what} returned {len(losses)} losses; it must train exactly 3 batches")
    got = model.attr("state_dict")()
    for key, value in got.items():
        expect(value.device.type == device.type, f"after {what}, the model's {key} is on {value.device.type}: do not move "
                                                 f"the model to another device inside train_mlp")
    want, _ = replay(sizes, state, [(x[:32], y[:32]), (x[32:], y[32:])], 3, 0.05, 0.9)
    expect(same({k: v.cpu() for k, v in got.items()}, want),
           f"{what}: the weights after 3 steps differ from SGD(lr, momentum) with CrossEntropyLoss on the flattened batches")
