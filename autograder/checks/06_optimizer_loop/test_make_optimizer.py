"""Hidden checks for ``make_optimizer(model, name, lr, weight_decay, momentum, betas)``: optim.SGD or optim.Adam by a
case-insensitive name (ValueError otherwise), with two param groups: the weights (lr, weight_decay), then the biases
(2 * lr, weight_decay 0).

The groups are read back as data: every parameter of the worker's model holds values no other parameter holds, so each
tensor in a group names its parameter.  The last check plants gradients, steps the student's optimizer in float64 and
compares the parameters with the judge's own SGD / Adam (``autograder.oracles``).
"""
import math

import numpy as np
import torch

from autograder.checking import describe, expect, fail, requires
from autograder.i18n import _
from autograder.oracles import SGD, Adam
from checks_06_optimizer_loop import plant_grads

LAYERS = ((3, 4, True), (4, 4, False), (4, 2, True))  # Linear(in, out, bias=...): the middle layer has no bias
KINDS = {"sgd": "SGD", "adam": "Adam"}


def model_with(student, layers, dtype=torch.float32):
    """nn.Sequential of Linear layers with ReLU between them, every parameter filled with values of its own.

    Returns the worker's model and its starting state (name -> tensor, in model.parameters() order)."""
    nn = student.nn
    modules = []
    for i, (fan_in, fan_out, bias) in enumerate(layers):
        modules += [nn.attr("ReLU")()] if i else []
        modules.append(nn.attr("Linear")(fan_in, fan_out, bias=bias))
    model = nn.attr("Sequential")(*modules)
    if dtype == torch.float64:
        model.attr("double")()
    state, offset = {}, 0.0
    for i, (fan_in, fan_out, bias) in enumerate(layers):
        shapes = {"weight": (fan_out, fan_in), **({"bias": (fan_out,)} if bias else {})}
        for kind, shape in shapes.items():
            count = math.prod(shape)
            state[f"{2 * i}.{kind}"] = (torch.arange(count, dtype=dtype) / 64 + offset).reshape(shape)
            offset += 1.0
    model.attr("load_state_dict")(state)
    return model, state


def built(student, model, name: str, lr: float, weight_decay: float, what: str, **settings):
    call = student.make_optimizer.call(model, name, lr, weight_decay, **settings)
    if name.lower() in KINDS and name != name.lower() and call.raised == "ValueError":
        fail("{what} raised ValueError: the name is case-insensitive, so '{name}' means {kind}; compare name.lower()",
             what=what, name=name, kind=KINDS[name.lower()])
    optimizer = call.result()  # the student's own error, if it raised one
    kind = getattr(optimizer, "_type", "")
    want = KINDS.get(name.lower())
    if kind == "AdamW" and want == "Adam":
        fail("{what} returned optim.AdamW; the name 'adam' asks for optim.Adam, whose weight_decay is added to the "
             "gradient (AdamW decays the weights apart from the gradient: another algorithm)", what=what)
    expect(kind == want, "{what} returned {got}; expected a torch.optim.{want}", what=what,
           got=_("an object of type {name}").format(name=kind) if kind else describe(optimizer), want=want)
    return optimizer


def names_in(groups, state) -> list:
    """Each group's parameters, named by the values they hold ('?' for a tensor that is no parameter of the model)."""
    named = []
    for group in groups:
        params = group.get("params") if isinstance(group, dict) else None
        params = params if isinstance(params, list) else []
        named.append(sorted(next((n for n, t in state.items() if isinstance(p, torch.Tensor) and p.shape == t.shape
                                  and torch.equal(p, t)), "?") for p in params))
    return named


def read_groups(optimizer, state, what: str) -> list:
    groups = optimizer.attr("param_groups").get()
    expect(isinstance(groups, list) and len(groups) == 2,
           "{what} made an optimizer with {count} param groups; expected exactly two: the weights, then the biases "
           "(the bias group may hold no parameters)", what=what, count=len(groups) if isinstance(groups, list) else 0)
    return groups


def listed(names) -> str:
    return ", ".join(names) or "[]"


def test_the_name_picks_the_class(student):
    model = student.nn.attr("Linear")(2, 2)
    for name in ("sgd", "adam", "SGD", "Adam", "aDaM"):
        built(student, model, name, 0.01, 0.0, f"make_optimizer(model, {name!r}, lr=0.01, weight_decay=0.0)")


@requires(test_the_name_picks_the_class)
def test_unknown_names_raise_value_error(student):
    model = student.nn.attr("Linear")(2, 2)
    for name in ("adamw", "rmsprop", ""):
        what = f"make_optimizer(model, {name!r}, lr=0.01, weight_decay=0.0)"
        call = student.make_optimizer.call(model, name, 0.01, 0.0)
        if call.raised is None:
            result = call.result()
            got = getattr(result, "_type", "") or describe(result)
            fail("{what} returned {got} for a name that is neither 'sgd' nor 'adam'; raise ValueError", what=what,
                 got=got)
        expect(call.raised == "ValueError", "{what} raised {error}; an unknown name raises ValueError",
               what=what, error=call.raised)


def test_the_groups_split_weights_from_biases(student):
    for name in ("sgd", "adam"):
        model, state = model_with(student, LAYERS)
        what = f"make_optimizer(model, {name!r}, lr=0.01, weight_decay=0.1)"
        groups = read_groups(built(student, model, name, 0.01, 0.1, what), state, what)
        got = names_in(groups, state)
        want = [sorted(n for n in state if n.endswith("weight")), sorted(n for n in state if n.endswith("bias"))]
        if got == want[::-1]:
            fail("{what}: the groups come in the wrong order; the weights' group comes first, then the biases'",
                 what=what)
        for index, (have, need) in enumerate(zip(got, want)):
            expect(have == need, "{what}: param group {index} holds {got}; expected {want} (each parameter in "
                   "exactly one group: the weights first, then the biases)", what=what, index=index,
                   got=listed(have), want=listed(need))


@requires(test_the_groups_split_weights_from_biases)
def test_a_model_without_biases_gets_an_empty_bias_group(student):
    model, state = model_with(student, ((3, 2, False), (2, 2, False)))
    what = "make_optimizer(model without biases, 'adam', lr=0.01, weight_decay=0.1)"
    groups = read_groups(built(student, model, "adam", 0.01, 0.1, what), state, what)
    expect(names_in(groups, state) == [["0.weight", "2.weight"], []],
           "{what}: expected the weights in the first group and no parameters in the second", what=what)


def same_value(a, b) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-15)
    except (TypeError, ValueError):
        return False


def judge_settings(groups: list, what: str, lr: float, weight_decay: float) -> None:
    weights, biases = groups
    if same_value(biases.get("lr"), lr) and same_value(weights.get("lr"), lr):
        fail("{what}: the bias group's lr is lr ({lr}) too; the biases learn with 2 * lr = {want}", what=what, lr=lr,
             want=2 * lr)
    expect(same_value(weights.get("lr"), lr), "{what}: the weight group's lr is {got}; expected lr = {want}",
           what=what, got=weights.get("lr"), want=lr)
    expect(same_value(biases.get("lr"), 2 * lr), "{what}: the bias group's lr is {got}; expected 2 * lr = {want}",
           what=what, got=biases.get("lr"), want=2 * lr)
    if not same_value(biases.get("weight_decay"), 0.0):
        fail("{what}: the biases are decayed too (their group has weight_decay={got}); the bias group has "
             "weight_decay=0", what=what, got=biases.get("weight_decay"))
    expect(same_value(weights.get("weight_decay"), weight_decay),
           "{what}: the weight group's weight_decay is {got}; expected weight_decay = {want}", what=what,
           got=weights.get("weight_decay"), want=weight_decay)


def test_sgd_groups_have_their_settings(student):
    model, state = model_with(student, LAYERS)
    what = "make_optimizer(model, 'sgd', lr=0.03, weight_decay=0.2, momentum=0.5)"
    groups = read_groups(built(student, model, "sgd", 0.03, 0.2, what, momentum=0.5), state, what)
    judge_settings(groups, what, 0.03, 0.2)
    momenta = [g.get("momentum") for g in groups]
    if all(same_value(m, 0.0) for m in momenta):
        fail("{what}: optim.SGD was made without momentum; pass momentum=momentum", what=what)
    expect(all(same_value(m, 0.5) for m in momenta), "{what}: the groups' momentum is {got}; expected momentum = 0.5 "
           "in both", what=what, got=", ".join(map(str, momenta)))
    expect(all(g.get("nesterov") is False and same_value(g.get("dampening"), 0.0) for g in groups),
           "{what}: keep PyTorch's defaults for the other SGD settings (nesterov=False, dampening=0)", what=what)


def test_adam_groups_have_their_settings(student):
    model, state = model_with(student, LAYERS)
    what = "make_optimizer(model, 'adam', lr=0.002, weight_decay=0.01, betas=(0.8, 0.95))"
    groups = read_groups(built(student, model, "adam", 0.002, 0.01, what, betas=(0.8, 0.95)), state, what)
    judge_settings(groups, what, 0.002, 0.01)
    betas = [tuple(g.get("betas") or ()) for g in groups]
    if any(b == (0.9, 0.999) for b in betas):
        fail("{what}: optim.Adam kept its default betas (0.9, 0.999); pass betas=betas", what=what)
    expect(all(len(b) == 2 and all(map(same_value, b, (0.8, 0.95))) for b in betas),
           "{what}: the groups' betas are {got}; expected (0.8, 0.95) in both", what=what,
           got=", ".join(map(str, betas)))
    expect(all(same_value(g.get("eps"), 1e-8) and g.get("amsgrad") is False for g in groups),
           "{what}: keep PyTorch's defaults for the other Adam settings (eps=1e-8, amsgrad=False)", what=what)


def replay(state: dict, grads: list, name: str, lr: float, weight_decay: float, **settings) -> dict:
    """The judge's float64 steps: weights with (lr, weight_decay), biases with (2 * lr, 0)."""
    params = {n: t.clone() for n, t in state.items()}
    kind = SGD if name == "sgd" else Adam
    weights = kind([p for n, p in params.items() if n.endswith("weight")], lr=lr, weight_decay=weight_decay, **settings)
    biases = kind([p for n, p in params.items() if n.endswith("bias")], lr=2 * lr, weight_decay=0.0, **settings)
    for step in grads:
        for p, g in zip(params.values(), step):
            p.grad = g
        weights.step()
        biases.step()
    return params


def test_steps_match_a_float64_replay(student):
    rng = np.random.default_rng(6)
    for name, lr, weight_decay, settings in (("sgd", 0.05, 0.1, {"momentum": 0.8}),
                                              ("adam", 0.01, 0.1, {"betas": (0.8, 0.9)})):
        model, state = model_with(student, LAYERS, torch.float64)
        what = f"make_optimizer(model, {name!r}, lr={lr}, weight_decay={weight_decay}, " + ", ".join(
            f"{k}={v}" for k, v in settings.items()) + ")"
        optimizer = built(student, model, name, lr, weight_decay, what, **settings)
        made = optimizer._session.last_call  # the reproducer shows the call that made the optimizer
        grads = [[torch.from_numpy(rng.normal(size=t.shape)) for t in state.values()] for _ in range(3)]
        for step in grads:
            plant_grads(student, model, step)
            optimizer.attr("step")()
        got = model.attr("state_dict")()
        want = replay(state, grads, name, lr, weight_decay, **settings)
        optimizer._session.last_call = made
        if isinstance(got, dict) and got.keys() == state.keys() and all(torch.equal(got[n], state[n]) for n in state):
            fail("after 3 steps of {what} the model's parameters have not moved: the groups must hold the model's own "
                 "parameters (from model.named_parameters()), not copies or model.state_dict() tensors", what=what)
        for n, t in want.items():
            have = got.get(n) if isinstance(got, dict) else None
            expect(isinstance(have, torch.Tensor) and have.shape == t.shape
                   and torch.allclose(have, t, rtol=1e-10, atol=1e-12),
                   "after 3 steps of {what} with the same gradients, {param} differs from {kind} with weights at "
                   "(lr, weight_decay) and biases at (2 * lr, 0), replayed in float64", what=what, param=n,
                   kind="optim." + KINDS[name])
