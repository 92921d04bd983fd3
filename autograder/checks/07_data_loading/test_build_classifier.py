"""Hidden checks for ``build_classifier(arch, num_classes)``: a torchvision model (weights=None) with a new ``fc``.

The expected architecture comes from torchvision here, built on the 'meta' device (shapes only, no memory, no
initialization cost); so does the student's model where a check reads only its structure.  The checks build small
models (ShuffleNetV2 x0.5: 1024 features) and a ResNet-18 (512) once, so a head with a hard-coded feature count
fails.
"""
from functools import cache

import torch
from torchvision import models

from autograder.checking import expect, fail, requires
from autograder.i18n import _
from autograder.student import Remote
from checks_07_data_loading import keeping_the_reproducer, kind, parameters_of

SMALL = "shufflenet_v2_x0_5"


@cache
def architecture(arch: str) -> tuple[list[tuple[str, tuple]], int]:
    """The (name, shape) of every parameter of torchvision's ``arch`` outside ``fc``, and the head's in_features."""
    with torch.device("meta"):
        model = models.get_model(arch, weights=None)
    body = [(n, tuple(p.shape)) for n, p in model.named_parameters() if not n.startswith("fc.")]
    return body, model.fc.in_features


def called(arch: str, n: int) -> str:
    return _("build_classifier({arch!r}, {n})").format(arch=arch, n=n)


def build(student, arch: str, n: int, structure: bool = False) -> Remote:
    """The student's model; ``structure``: the check reads only its layers' names, types and shapes, so the worker may
    build it on 'meta' (Remote.structure), which skips initializing millions of weights."""
    model = student.build_classifier.structure(arch, n) if structure else student.build_classifier(arch, n)
    expect(isinstance(model, Remote), "{what} returned a {kind}; return the model (an nn.Module)",
           what=called(arch, n), kind=kind(model))
    return model


def head_of(student, model: Remote, what: str) -> Remote:
    with keeping_the_reproducer(student):
        head = student.builtin("getattr")(model, "fc", None)
    if not isinstance(head, Remote):
        fail("{what} has no submodule fc; replace the model's fc with the new head", what=what)
    return head


def test_fc_is_a_new_linear_from_the_old_features_to_num_classes(student):
    for arch, n in ((SMALL, 1), (SMALL, 7), ("resnet18", 3)):
        what = called(arch, n)
        head = head_of(student, build(student, arch, n, structure=True), what)
        _body, features = architecture(arch)
        type_name = (head._type or "object").rsplit(".", 1)[-1]
        expect(type_name == "Linear",
               "{what}.fc is a {type}; replace fc with one nn.Linear(in_features, num_classes) (do not stack a layer on "
               "the old head)", what=what, type=type_name)
        with keeping_the_reproducer(student):
            sizes = (head.attr("in_features").get(), head.attr("out_features").get())
        expect(sizes[0] == features,
               "{what}.fc has in_features={got}; {arch} gives its head {want} features: read them from the old head "
               "(model.fc.in_features) instead of writing a number", what=what, got=sizes[0], arch=arch, want=features)
        expect(sizes[1] == n, "{what}.fc has out_features={got}; the new head gives one score per class: {n}",
               what=what, got=sizes[1], n=n)
        shapes = {name: shape for name, shape, _flag in parameters_of(student, head, _("{what}.fc").format(what=what))}
        wanted = dict(weight=(n, features), bias=(n,))
        expect(shapes == wanted,
               "{what}.fc has parameters {got}; a new nn.Linear({features}, {n}) has weight {weight} and bias {bias}",
               what=what, got=shapes, features=features, n=n, weight=(n, features), bias=(n,))


def test_the_rest_is_the_named_architecture(student):
    for arch, n in ((SMALL, 4), ("shufflenet_v2_x1_0", 2)):
        what = called(arch, n)
        got = [(name, shape) for name, shape, _flag in parameters_of(student, build(student, arch, n, structure=True), what)
               if not name.startswith("fc.")]
        want, _features = architecture(arch)
        if got != want:
            differs = [w[0] for g, w in zip(got, want) if g != w]
            first = differs[0] if differs else (want[len(got)] if len(want) > len(got) else got[len(want)])[0]
            fail("the layers of {what} are not those of torchvision's {arch} (first difference: {name}); build it by "
                 "its name, models.get_model(arch, weights=None), and change only fc", what=what, arch=arch,
                 name=first)


def test_forward_gives_one_score_per_class(student):
    for n in (1,):
        what = called(SMALL, n)
        model = build(student, SMALL, n)
        with keeping_the_reproducer(student):
            model.attr("eval")()
        x = torch.rand(2, 3, 32, 32, generator=torch.Generator().manual_seed(n))
        call = model.call(x)
        if call.raised:
            fail("{what} in eval mode raised {error} on images of shape (2, 3, 32, 32): {message}", what=what,
                 error=call.raised, message=call.error_message[:120])
        out = call.result()
        expect(isinstance(out, torch.Tensor) and tuple(out.shape) == (2, n),
               "{what} in eval mode gives {got} for 2 images; expected scores of shape (2, {n})", what=what,
               got=kind(out) if not isinstance(out, torch.Tensor) else tuple(out.shape), n=n)
        expect(bool(torch.isfinite(out).all()), "{what} gives scores that are not finite", what=what)


@requires(test_fc_is_a_new_linear_from_the_old_features_to_num_classes)
def test_the_model_trains_whole_with_a_freshly_initialized_head(student):
    n = 5
    what = called(SMALL, n)
    model = build(student, SMALL, n)
    frozen = [name for name, _shape, flag in parameters_of(student, model, what) if not flag]
    expect(not frozen, "{what} has frozen parameters ({name}...); build_classifier only replaces the head: every "
                       "parameter stays trainable (freezing is the next part's job)", what=what,
           name=frozen[0] if frozen else "")
    with keeping_the_reproducer(student):
        training = model.attr("training").get()
        weight = model.attr("fc").attr("weight").get()
    expect(training is True, "{what} is in eval mode; return the model in training mode, as it was built", what=what)
    bound = 1 / 1024 ** 0.5
    expect(isinstance(weight, torch.Tensor) and float(weight.abs().max()) <= bound + 1e-6 and float(weight.std()) > 0,
           "{what}.fc.weight does not look like a new nn.Linear's random initialization (values within +-{bound:.4f}); "
           "create a new layer instead of reusing or resizing the old one", what=what, bound=bound)
