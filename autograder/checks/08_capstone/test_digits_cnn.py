"""Hidden checks for ``DigitsCNN(dropout=0.25)``: at least two Conv2d layers, pooling, dropout before a linear head;
(B, 1, 28, 28) -> (B, 10) logits; dropout active in train mode only and with the given probability; fewer than
PARAM_LIMIT parameters; runs wherever its parameters and input are.

Dropout is seen through a batch of one image repeated: in train mode the rows differ (each gets its own mask), in eval
mode they are equal.
"""
import pytest
import torch

from autograder.checking import describe, expect, expect_device_safe, fail, on, requires
from autograder.i18n import _
from autograder.student import Remote
from checks_08_capstone import PARAM_LIMIT


def images(batch: int, seed: int = 0) -> torch.Tensor:
    return torch.randn(batch, 1, 28, 28, generator=torch.Generator().manual_seed(seed))


def build(student, *args):
    model = student.DigitsCNN.call(*args).result()
    expect(isinstance(model, Remote), "DigitsCNN() gave a {kind}; DigitsCNN is a class derived from nn.Module",
           kind=type(model).__name__)
    return model


def forward(model, x: torch.Tensor, what: str) -> torch.Tensor:
    call = model.call(x)
    if call.raised:
        fail("{what} raised {error}: {message}", what=what, error=call.raised, message=call.error_message[:120])
    out = call.result()
    if not isinstance(out, torch.Tensor):
        fail("{what} returned a {kind}; return the logits tensor", what=what, kind=type(out).__name__)
    return out


def test_gives_ten_logits_per_image(student):
    model = build(student)
    model.attr("eval")()
    for batch in (5, 1):
        what = _("DigitsCNN()(images of shape ({batch}, 1, 28, 28))").format(batch=batch)
        out = forward(model, images(batch), what)
        expect(tuple(out.shape) == (batch, 10) and out.is_floating_point(),
               "{what} returned {got}; expected float logits of shape ({batch}, 10)", what=what, got=describe(out),
               batch=batch)
    expect(not (bool((out >= 0).all()) and torch.allclose(out.sum(dim=1), torch.ones(1), atol=1e-4)),
           "{what} returned probabilities that sum to 1; return the logits, F.cross_entropy applies log_softmax "
           "itself", what=what)


@requires(test_gives_ten_logits_per_image)
def test_has_conv_layers_and_fewer_parameters_than_the_limit(student):
    model = build(student)
    params = student.builtin("list")(model.attr("parameters")())
    count = sum(p.numel() for p in params if isinstance(p, torch.Tensor))
    expect(count < PARAM_LIMIT, "DigitsCNN() has {count} parameters; keep it under {limit} (pool before the linear "
           "head: 28x28 -> 14x14 -> 7x7)", count=count, limit=PARAM_LIMIT)
    convs = sum(1 for p in params if isinstance(p, torch.Tensor) and p.dim() == 4)
    expect(convs >= 2, "DigitsCNN() has {convs} convolution layers; use at least two nn.Conv2d", convs=convs)


@requires(test_gives_ten_logits_per_image)
def test_dropout_acts_in_train_mode_only_with_its_probability(student):
    same_image = images(1, seed=1).repeat(16, 1, 1, 1)
    model = build(student, 0.5)
    model.attr("train")()
    what = _("DigitsCNN(0.5) in train mode on 16 copies of one image")
    out = forward(model, same_image, what)
    expect(not torch.allclose(out, out[:1].expand_as(out)),
           "{what} gave 16 equal rows: no dropout is active in train mode; put a Dropout(dropout) before the linear "
           "head", what=what)
    model.attr("eval")()
    what = _("DigitsCNN(0.5) in eval mode on 16 copies of one image")
    out = forward(model, same_image, what)
    expect(torch.allclose(out, out[:1].expand_as(out), atol=1e-6),
           "{what} gave different rows: dropout still acts in eval mode; use nn.Dropout, or "
           "F.dropout(x, p, training=self.training)", what=what)
    model = build(student, 0.0)
    model.attr("train")()
    what = _("DigitsCNN(0.0) in train mode on 16 copies of one image")
    out = forward(model, same_image, what)
    expect(torch.allclose(out, out[:1].expand_as(out), atol=1e-6),
           "{what} gave different rows: the dropout probability must be the dropout argument", what=what)


@requires(test_gives_ten_logits_per_image)
@pytest.mark.shape_only
def test_runs_where_its_parameters_and_input_are(student, device):
    model = build(student)
    model.attr("to")(device.type)
    model.attr("train")()  # dropout masks too must be made where the activations are
    what = _("DigitsCNN() moved to {device} in train mode, on images on {device}").format(device=device.type)
    call = model.call(on(device, images(3)))
    expect_device_safe(call, what)
    out = call.result()
    expect(isinstance(out, torch.Tensor) and out.device.type == device.type and tuple(out.shape) == (3, 10),
           "{what} returned {got}; expected logits of shape (3, 10) on the same device", what=what,
           got=describe(out))
