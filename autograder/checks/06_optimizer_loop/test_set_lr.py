"""Hidden checks for ``set_lr(optimizer, lr)``: every param_group's lr, in place, state and other settings kept."""
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, fail
from autograder.student import Remote


def plant_grads(student, model: Remote, grads: list) -> None:
    setter = student.builtin("map")(student.builtin("setattr"), model.attr("parameters")(), ["grad"] * len(grads), grads)
    student.builtin("list")(setter)


def grouped_optimizer(student, group_lrs: list, momentum: float, weight_decay: float = 0.0):
    """An SGD optimizer with one param group per entry of group_lrs (None: the default lr 0.1)."""
    modules = [student.nn.attr("Linear")(3, 2) for _ in group_lrs]
    groups = []
    for module, lr in zip(modules, group_lrs):
        group = {"params": module.attr("parameters")()}
        if lr is not None:
            group["lr"] = lr
        groups.append(group)
    return student.optim.attr("SGD")(groups, lr=0.1, momentum=momentum, weight_decay=weight_decay), modules


def settings(groups: list) -> list:
    return [{k: v for k, v in g.items() if k not in ("params", "lr")} for g in groups]


def call_set_lr(student, optimizer, lr: float) -> None:
    student.set_lr(optimizer, lr)


@given(group_lrs=st.lists(st.sampled_from([None, 0.5, 0.01]), min_size=1, max_size=3),
       lr=st.sampled_from([0.0, 1e-4, 0.003, 0.25, 2.0]), momentum=st.sampled_from([0.0, 0.9]))
def test_every_param_group_gets_the_new_lr(student, group_lrs, lr, momentum):
    optimizer, _ = grouped_optimizer(student, group_lrs, momentum)
    before = optimizer.attr("param_groups").get()
    call_set_lr(student, optimizer, lr)
    after = optimizer.attr("param_groups").get()
    expect(isinstance(after, list) and len(after) == len(before),
           f"set_lr changed the number of param groups from {len(before)} to {len(after)}; only change each group's lr")
    lrs = [g.get("lr") for g in after]
    if lrs and lrs[0] == lr and any(v != lr for v in lrs[1:]):
        fail(f"set_lr changed only the first of {len(lrs)} param groups; set group lr in every group of optimizer.param_groups")
    expect(all(v == lr for v in lrs),
           f"after set_lr(optimizer, {lr}) the groups' learning rates are {', '.join(map(str, lrs))}; write "
           f"group lr = lr in each dict of optimizer.param_groups (optimizer.defaults only holds the initial default)")
    expect(settings(after) == settings(before),
           "set_lr changed other settings of the param groups (momentum, weight_decay...); change only lr")
    expect(all(len(a["params"]) == len(b["params"]) for a, b in zip(after, before)),
           "set_lr changed which parameters the groups hold; change only lr")


def test_next_step_uses_the_new_lr(student):
    for new_lr in (0.01, 0.3):
        optimizer, (model,) = grouped_optimizer(student, [None], 0.0)
        call_set_lr(student, optimizer, new_lr)
        start = model.attr("state_dict")()
        grads = [torch.full((2, 3), 0.5), torch.tensor([1.0, -2.0])]
        plant_grads(student, model, grads)
        optimizer.attr("step")()
        got = model.attr("state_dict")()
        want = {"weight": start["weight"] - new_lr * grads[0], "bias": start["bias"] - new_lr * grads[1]}
        if torch.allclose(got["weight"], start["weight"] - 0.1 * grads[0]):
            fail(f"after set_lr(optimizer, {new_lr}) the next step still used the old lr 0.1; change group lr in "
                 f"optimizer.param_groups")
        expect(all(torch.allclose(got[n], want[n], atol=1e-6) for n in want),
               f"after set_lr(optimizer, {new_lr}) the next SGD step did not move the parameters by {new_lr} times the gradient")


def test_momentum_buffers_survive_the_change(student):
    optimizer, (model,) = grouped_optimizer(student, [None], 0.9)
    start = model.attr("state_dict")()
    g1 = [torch.full((2, 3), 1.0), torch.tensor([1.0, 1.0])]
    g2 = [torch.full((2, 3), -0.5), torch.tensor([2.0, 0.0])]
    plant_grads(student, model, g1)
    optimizer.attr("step")()
    call_set_lr(student, optimizer, 0.02)
    plant_grads(student, model, g2)
    optimizer.attr("step")()
    got = model.attr("state_dict")()
    for i, name in enumerate(("weight", "bias")):
        after_first = start[name] - 0.1 * g1[i]
        want = after_first - 0.02 * (0.9 * g1[i] + g2[i])
        if torch.allclose(got[name], after_first - 0.02 * g2[i], atol=1e-6):
            fail("after set_lr the momentum buffers were gone: change the lr in optimizer.param_groups, do not rebuild "
                 "or reset the optimizer or its state")
        expect(torch.allclose(got[name], want, atol=1e-6),
               "after set_lr the next momentum step differs from buf = 0.9 * buf + grad, p -= new_lr * buf")


def test_weight_decay_and_groups_are_kept(student):
    optimizer, _ = grouped_optimizer(student, [None, 0.5], 0.9, weight_decay=0.01)
    before = optimizer.attr("param_groups").get()
    call_set_lr(student, optimizer, 0.05)
    after = optimizer.attr("param_groups").get()
    expect(len(after) == 2 and [g["lr"] for g in after] == [0.05, 0.05],
           "set_lr must set the lr of both param groups to the new value")
    expect(settings(after) == settings(before), "set_lr changed momentum or weight_decay; change only lr")
