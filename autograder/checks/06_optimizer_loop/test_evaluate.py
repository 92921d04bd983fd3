"""Hidden checks for ``evaluate(model, loader)``: accuracy over every sample, in eval mode and under torch.no_grad(),
without changing the model.

Whether autograd recorded anything is seen through torch.autograd.graph.saved_tensors_hooks, entered in the worker
around the call: a forward pass with gradients on saves tensors for a backward pass, one under no_grad saves none.
"""

import numpy as np
import pytest
import torch

from autograder.checking import expect, expect_device_safe, fail, on, requires
from autograder.i18n import _
from autograder.oracles import mnist, normalized_mnist
from autograder.student import Remote



def digits(n: int) -> torch.Tensor:
    images, _labels = mnist(train=False)
    return normalized_mnist(images[:n])


def remote_net(student, dropout: bool) -> Remote:
    nn = student.nn
    parts = [nn.attr("Linear")(784, 48), nn.attr("ReLU")()]
    if dropout:
        parts.append(nn.attr("Dropout")(0.5))
    return nn.attr("Sequential")(*parts, nn.attr("Linear")(48, 10))


def local_net(state: dict, dropout: bool) -> torch.nn.Module:
    parts = [torch.nn.Linear(784, 48), torch.nn.ReLU()]
    if dropout:
        parts.append(torch.nn.Dropout(0.5))
    model = torch.nn.Sequential(*parts, torch.nn.Linear(48, 10))
    model.load_state_dict(state)
    return model.eval()


def predictions(state: dict, x: torch.Tensor, dropout: bool = False) -> torch.Tensor:
    with torch.no_grad():
        return local_net(state, dropout)(x.view(len(x), -1)).argmax(dim=1)


def labels_with_errors(pred: torch.Tensor, seed: int, share: float) -> torch.Tensor:
    rng = np.random.default_rng(seed)
    wrong = torch.from_numpy(rng.random(len(pred)) < share)
    return torch.where(wrong, (pred + 1 + torch.from_numpy(rng.integers(0, 9, len(pred)))) % 10, pred)


def evaluate(student, model: Remote, x, y, batch_size: int, what: str) -> float:
    loader = student.DataLoader(student.TensorDataset(x, y), batch_size=batch_size)
    call = student.evaluate.call(model, loader)
    if call.raised == "RuntimeError" and "shapes cannot be multiplied" in call.error_message:
        fail("{what}: the images were not flattened, so it raised RuntimeError ({details}); make each batch (B, 784) "
             "with img.view(img.size(0), -1)", what=what, details=call.error_message[:70])
    value = call.result()
    if isinstance(value, torch.Tensor):
        fail("{what} returned a tensor; return the accuracy as a Python float: add up the counts with .item(), then divide",
             what=what)
    expect(isinstance(value, float), "{what} returned a {kind}; return the accuracy as a Python float",
           what=what, kind=type(value).__name__)
    return value


def judge(value: float, pred: torch.Tensor, y: torch.Tensor, batch_size: int, what: str) -> None:
    want = float((pred == y).double().mean())
    if abs(value - want) <= 1e-6:  # float32 arithmetic is fine
        return
    if abs(value - 100 * want) <= 1e-6 and want > 0:
        fail("{what} returned {value:.4g}, a percentage; return the fraction correct, between 0 and 1",
             what=what, value=value)
    per_batch = [float((pred[i:i + batch_size] == y[i:i + batch_size]).double().mean()) for i in range(0, len(y), batch_size)]
    if abs(value - sum(per_batch) / len(per_batch)) <= 1e-6:
        fail("{what} returned {value:.6f}, the mean of the batches' accuracies; divide the total number correct by the "
             "number of samples ({want:.6f}): the last batch is smaller", what=what, value=value, want=want)
    fail("{what} returned {value:.6f}, not the fraction of samples whose argmax over the 10 logits equals the label "
         "({want:.6f})", what=what, value=value, want=want)


CASES = (  # (samples, batch_size, share of wrong labels, seed)
    (1, 1, 0.0, 0), (1, 8, 1.0, 1), (5, 2, 0.4, 2), (17, 4, 0.3, 3), (40, 40, 0.5, 4), (41, 40, 0.2, 5),
    (80, 7, 0.6, 6), (80, 64, 0.9, 7), (33, 1, 0.5, 8), (12, 50, 0.25, 9),
)


def test_accuracy_over_every_sample(student):
    model = remote_net(student, dropout=False)  # one network for every case (each creation is 5 calls)
    for n, batch_size, share, seed in CASES:
        accuracy_case(student, model, n, batch_size, share, seed)


def accuracy_case(student, model: Remote, n: int, batch_size: int, share: float, seed: int) -> None:
    x = digits(80)[:n]
    state = model.attr("state_dict")()
    pred = predictions(state, x)
    y = labels_with_errors(pred, seed, share)
    what = _("evaluate on {n} samples in batches of {batch_size}").format(n=n, batch_size=batch_size)
    judge(evaluate(student, model, x, y, batch_size, what), pred, y, batch_size, what)


def test_partial_last_batch_counts_by_sample(student):
    x = digits(70)
    model = remote_net(student, dropout=False)
    state = model.attr("state_dict")()
    pred = predictions(state, x)
    y = pred.clone()
    y[64:] = (y[64:] + 1) % 10  # the 6 samples of the last batch are all wrong
    what = _("evaluate on 70 samples in batches of 32 (the last batch has 6)")
    judge(evaluate(student, model, x, y, 32, what), pred, y, 32, what)


def test_dropout_is_off_during_evaluation(student):
    x = digits(64)
    model = remote_net(student, dropout=True)
    state = model.attr("state_dict")()
    pred = predictions(state, x, dropout=True)
    what = _("evaluate on a model with Dropout(0.5) (labels equal the eval-mode predictions)")
    value = evaluate(student, model, x, pred, 16, what)
    if value < 1.0:
        fail("{what} returned {value:.4f} instead of 1.0: Dropout was still on; call model.eval() before the loop",
             what=what, value=value)


@requires(test_accuracy_over_every_sample)
def test_forward_passes_record_nothing_for_autograd(student):
    x = digits(40)
    model = remote_net(student, dropout=False)
    y = labels_with_errors(predictions(model.attr("state_dict")(), x), 4, 0.5)
    saved = student.builtin("set")()  # a set in the worker: each tensor autograd saves for a backward pass lands here
    hooks = student.torch.attr("autograd").attr("graph").attr("saved_tensors_hooks")(saved.attr("add"), student.builtin("id"))
    what = _("evaluate on 40 samples in batches of 16")
    hooks.attr("__enter__")()
    try:
        evaluate(student, model, x, y, 16, what)
    finally:
        hooks.attr("__exit__")(None, None, None)
    count = student.builtin("len")(saved)
    expect(count == 0, "{what} recorded the forward passes for a backward pass (autograd saved {count} tensors): run "
                       "the loop inside `with torch.no_grad():`", what=what, count=count)


@requires(test_accuracy_over_every_sample)
def test_model_parameters_are_not_changed(student):
    x = digits(40)
    model = remote_net(student, dropout=False)
    state = model.attr("state_dict")()
    y = labels_with_errors(predictions(state, x), 3, 0.5)
    evaluate(student, model, x, y, 16, "evaluate")
    after = model.attr("state_dict")()
    expect(all(torch.equal(state[k], after[k]) for k in state),
           "evaluate changed the model's parameters: evaluation must not train (no optimizer step, work under "
           "torch.no_grad())")


@requires(test_accuracy_over_every_sample)
@pytest.mark.shape_only
def test_evaluates_where_the_model_and_the_batches_are(student, device):
    x = digits(40)
    model = remote_net(student, dropout=True)
    state = model.attr("state_dict")()
    model.attr("to")(device.type)  # the caller put the model and the data on this device
    pred = predictions(state, x, dropout=True)
    y = labels_with_errors(pred, 5, 0.3)
    what = _("evaluate with the model and the loader's batches on the {device} device").format(device=device.type)
    if device.type == "meta":  # counting correct answers needs values (.item()); everything before it must run
        loader = student.DataLoader(student.TensorDataset(*on(device, x, y)), batch_size=16)
        expect_device_safe(student.evaluate.call(model, loader), what)
        return
    judge(evaluate(student, model, *on(device, x, y), 16, what), pred, y, 16, what)
