"""Hidden checks for ``freeze_all_but_head(model)``: requires_grad off outside ``model.fc``, on inside it; the count.

Models are built in the worker from torch.nn and torchvision (never from the student's names) and, for the expected
names and shapes, the same way here: a ShuffleNetV2 x0.5 with a new head (BatchNorm layers in the body), and small
networks whose body holds a layer named ``fc0`` (a prefix test on "fc" is not the head) or whose head is a Sequential.
"""
from functools import cache

import numpy as np
import torch
from torch import nn
from torchvision import models

from autograder.checking import expect, fail, requires
from autograder.i18n import _
from checks_07_data_loading import keeping_the_reproducer, parameters_of

SMALL = "shufflenet_v2_x0_5"

# name -> the model as (child name, [(torch.nn class, args), ...]): one module, or a Sequential of several
TINY = {
    "conv": [("body", [("Conv2d", (3, 4, 3)), ("BatchNorm2d", (4,)), ("ReLU", ()), ("AdaptiveAvgPool2d", (1,)),
                       ("Flatten", ())]),
             ("fc0", [("Linear", (4, 4))]),
             ("fc", [("Linear", (4, 2))])],
    "mlp": [("body", [("Linear", (5, 6)), ("BatchNorm1d", (6,)), ("ReLU", ())]),
            ("fc", [("Linear", (6, 4)), ("ReLU", ()), ("Linear", (4, 3))])],
}


@cache
def expected(name: str) -> list[tuple[str, tuple]]:
    """(name, shape) of every parameter of a model, built here (the ShuffleNet on 'meta')."""
    if name == SMALL:
        with torch.device("meta"):
            model = models.get_model(SMALL, weights=None)
            model.fc = nn.Linear(1024, 3)
    else:
        model = nn.Sequential()
        for child, layers in TINY[name]:
            modules = [getattr(nn, cls)(*args) for cls, args in layers]
            model.add_module(child, modules[0] if len(modules) == 1 else nn.Sequential(*modules))
    return [(n, tuple(p.shape)) for n, p in model.named_parameters()]


@cache
def batchnorm(name: str) -> frozenset[str]:
    """The names of the parameters of the BatchNorm layers of model ``name``."""
    with torch.device("meta"):
        model = models.get_model(SMALL, weights=None) if name == SMALL else None
    if model is None:
        return frozenset(f"{child}.{k}.{p}" for child, layers in TINY[name] for k, (cls, _a) in enumerate(layers)
                         if cls.startswith("BatchNorm") for p in ("weight", "bias"))
    return frozenset(f"{m}.{p}" for m, module in model.named_modules() if isinstance(module, nn.modules.batchnorm._BatchNorm)
                     for p in ("weight", "bias"))


def worker_model(student, name: str):
    """The model ``name`` built in the worker, in training mode."""
    torch_nn = student.torch.attr("nn")
    if name == SMALL:
        model = student.builtin("__import__")("torchvision").attr("models").attr("get_model")(SMALL, weights=None)
        student.builtin("setattr")(model, "fc", torch_nn.attr("Linear")(1024, 3))
        return model
    model = torch_nn.attr("Sequential")()
    for child, layers in TINY[name]:
        modules = [torch_nn.attr(cls)(*args) for cls, args in layers]
        model.attr("add_module")(child, modules[0] if len(modules) == 1 else torch_nn.attr("Sequential")(*modules))
    return model


def count(shapes) -> int:
    total = 0
    for shape in shapes:
        total += int(torch.Size(shape).numel())
    return total


def what_for(name: str) -> str:
    return {SMALL: _("freeze_all_but_head(a ShuffleNetV2 with fc = nn.Linear(1024, 3))"),
            "conv": _("freeze_all_but_head(a small CNN with layers body, fc0, fc)"),
            "mlp": _("freeze_all_but_head(a model whose fc is a Sequential of two Linear layers)")}[name]


def freeze(student, name: str, before=None):
    """The model, the call, and (name, shape, requires_grad) after freeze_all_but_head; ``before`` prepares it."""
    model = worker_model(student, name)
    if before is not None:
        before(model)
    call = student.freeze_all_but_head.call(model)
    call.result()
    return model, call, parameters_of(student, model, what_for(name))


def test_only_the_parameters_of_fc_are_trainable(student):
    cases = [(SMALL, None, ""),
             ("conv", lambda m: m.attr("fc").attr("requires_grad_")(False), _(" whose head was frozen before")),
             ("mlp", lambda m: m.attr("body").attr("requires_grad_")(False), _(" whose body was frozen before"))]
    for name, before, state in cases:
        _model, _call, params = freeze(student, name, before)
        what = what_for(name) + state
        expect([(n, s) for n, s, _flag in params] == expected(name),
               "{what} changed the model's parameters (names or shapes); only set requires_grad, replace nothing",
               what=what)
        head = [n for n, _s, flag in params if n.startswith("fc.") and not flag]
        expect(not head, "after {what}, the head's parameter {name} has requires_grad=False; set requires_grad=True on "
                         "every parameter of model.fc (it may have been frozen before)", what=what,
               name=head[0] if head else "")
        body = [n for n, _s, flag in params if not n.startswith("fc.") and flag]
        if body:
            hint = _(" (a BatchNorm layer's weight and bias are parameters too)") if body[0] in batchnorm(name) else ""
            fail("after {what}, {name} outside the head still requires grad{hint}; freeze every parameter that is not "
                 "in model.fc (what counts is belonging to model.fc, not a name that starts with \"fc\")",
                 what=what, name=body[0], hint=hint)


def test_returns_the_number_of_trainable_elements(student):
    for name, before in ((SMALL, None), ("mlp", None), ("conv", lambda m: m.attr("fc").attr("requires_grad_")(False))):
        _model, call, params = freeze(student, name, before)
        got = call.result()
        shapes = expected(name)
        want = count(s for n, s in shapes if n.startswith("fc."))
        what = what_for(name)
        if isinstance(got, bool) or not isinstance(got, (int, np.integer)):
            fail("{what} returned a {kind}; return the number of trainable parameter elements as a Python int "
                 "(sum of p.numel())", what=what, kind=type(got).__name__ if not isinstance(got, torch.Tensor)
                 else _("tensor"))
        got = int(got)
        if got == count(s for _n, s in shapes):
            fail("{what} returned {got}, the number of all parameters; count only those that require grad after "
                 "freezing ({want})", what=what, got=got, want=want)
        if got == sum(1 for n, _s in shapes if n.startswith("fc.")):
            fail("{what} returned {got}, the number of trainable parameter tensors; count their elements "
                 "(sum of p.numel()): {want}", what=what, got=got, want=want)
        expect(got == want, "{what} returned {got}; the parameters of fc, the only trainable ones, have {want} "
                            "elements (count after freezing)", what=what, got=got, want=want)


# Run in the worker: the training flag of every module, and whether model.fc is still the object ``head``
# (compared there: an id() would differ from one worker to the next, and so would every reply that holds it)
MODES_PROBE = "lambda m, head: ([x.training for x in m.modules()], m.fc is head)"


@requires(test_only_the_parameters_of_fc_are_trainable)
def test_values_modes_and_layers_are_unchanged(student):
    for name, mode in (("conv", "train"), ("mlp", "eval")):
        what = what_for(name)
        model = worker_model(student, name)
        model.attr(mode)()
        probe = student.builtin("eval")(MODES_PROBE, {})
        head = model.attr("fc").get()
        state, (flags, _same) = model.attr("state_dict")(), probe(model, head)
        student.freeze_all_but_head.call(model).result()
        with keeping_the_reproducer(student):
            after, (flags_after, same_head) = model.attr("state_dict")(), probe(model, head)
        expect(flags_after == flags, "{what} changed the training mode of the model (from {mode}); freezing is "
                                     "requires_grad only: leave train()/eval() to the training loop", what=what,
               mode=mode)
        expect(same_head is True, "{what} put a new module in model.fc; keep the head, only make it trainable",
               what=what)
        for key, value in state.items():
            now = after.get(key)
            expect(isinstance(now, torch.Tensor) and now.shape == value.shape and torch.equal(now, value),
                   "{what} changed {key}; freezing must not change any parameter or buffer", what=what, key=key)
