"""Hidden checks for ``set_lr(optimizer, lr)``: every param_group's lr, in place, state and other settings kept.

The optimizers have several param groups whose own lr, momentum and weight_decay differ from the optimizer's
defaults, so an answer that rebuilds the groups from ``optimizer.defaults`` loses them.
"""
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, fail, requires
from checks_06_optimizer_loop import plant_grads


def grouped_optimizer(student, groups: list, momentum: float = 0.9, weight_decay: float = 0.0):
    """An SGD optimizer (defaults lr=0.1, ``momentum``, ``weight_decay``) with one param group of a Linear(3, 2) per
    entry of ``groups``: the settings that group sets itself ({}: the defaults)."""
    modules = [student.nn.attr("Linear")(3, 2) for _ in groups]
    param_groups = [{"params": module.attr("parameters")(), **own} for module, own in zip(modules, groups)]
    return student.optim.attr("SGD")(param_groups, lr=0.1, momentum=momentum, weight_decay=weight_decay), modules


def settings(groups: list) -> list:
    return [{k: v for k, v in g.items() if k not in ("params", "lr")} for g in groups]


def judge_groups(before: list, after: list, defaults: dict, lr: float) -> None:
    expect(isinstance(after, list) and len(after) == len(before),
           "set_lr changed the number of param groups from {before} to {after}; only change each group's lr",
           before=len(before), after=len(after) if isinstance(after, list) else 0)
    lrs = [g.get("lr") for g in after]
    if lrs and lrs[0] == lr and any(v != lr for v in lrs[1:]):
        fail("set_lr changed only the first of {count} param groups; set group['lr'] in every group of "
             "optimizer.param_groups", count=len(lrs))
    expect(all(v == lr for v in lrs),
           "after set_lr(optimizer, {lr}) the groups' learning rates are {lrs}: write group['lr'] = lr in each dict of "
           "optimizer.param_groups (optimizer.defaults only holds the starting value)", lr=lr, lrs=", ".join(map(str, lrs)))
    expect(all(len(a["params"]) == len(b["params"]) for a, b in zip(after, before)),
           "set_lr changed which parameters the groups hold; change only lr")
    if settings(after) != settings(before):
        default_settings = settings([defaults])[0]
        if all(s == default_settings for s in settings(after)):
            fail("set_lr replaced each group's own momentum/weight_decay with optimizer.defaults; keep every group "
                 "and change only group['lr']")
        fail("set_lr changed other settings of the param groups (momentum, weight_decay...); change only lr")


GROUP_SETTINGS = st.fixed_dictionaries({}, optional={"lr": st.sampled_from([0.5, 0.01]),
                                                     "momentum": st.sampled_from([0.0, 0.5]),
                                                     "weight_decay": st.sampled_from([0.01, 0.2])})


@given(groups=st.lists(GROUP_SETTINGS, min_size=1, max_size=3), lr=st.sampled_from([0.0, 1e-4, 0.003, 0.25, 2.0]),
       momentum=st.sampled_from([0.0, 0.9]))
def test_every_param_group_gets_the_new_lr(student, groups, lr, momentum):
    optimizer, _ = grouped_optimizer(student, groups, momentum)
    before = optimizer.attr("param_groups").get()
    defaults = optimizer.attr("defaults").get()
    student.set_lr(optimizer, lr)
    judge_groups(before, optimizer.attr("param_groups").get(), defaults, lr)


@requires(test_every_param_group_gets_the_new_lr)
def test_each_groups_own_momentum_and_weight_decay_are_kept(student):
    groups = [{}, {"lr": 0.5, "momentum": 0.5, "weight_decay": 0.01}, {"momentum": 0.0, "weight_decay": 0.2}]
    optimizer, _ = grouped_optimizer(student, groups, 0.9, weight_decay=0.001)
    before = optimizer.attr("param_groups").get()
    defaults = optimizer.attr("defaults").get()
    student.set_lr(optimizer, 0.05)
    judge_groups(before, optimizer.attr("param_groups").get(), defaults, 0.05)


def test_next_step_uses_the_new_lr(student):
    for new_lr in (0.01, 0.3):
        optimizer, (model,) = grouped_optimizer(student, [{}], 0.0)
        student.set_lr(optimizer, new_lr)
        start = model.attr("state_dict")()
        grads = [torch.full((2, 3), 0.5), torch.tensor([1.0, -2.0])]
        plant_grads(student, model, grads)
        optimizer.attr("step")()
        got = model.attr("state_dict")()
        want = {"weight": start["weight"] - new_lr * grads[0], "bias": start["bias"] - new_lr * grads[1]}
        if torch.allclose(got["weight"], start["weight"] - 0.1 * grads[0]):
            fail("after set_lr(optimizer, {lr}) the next step still used the old lr 0.1: change group['lr'] in "
                 "optimizer.param_groups", lr=new_lr)
        expect(all(torch.allclose(got[n], want[n], atol=1e-6) for n in want),
               "after set_lr(optimizer, {lr}) the next SGD step did not move the parameters by {lr} times the gradient",
               lr=new_lr)


def test_momentum_buffers_survive_the_change(student):
    optimizer, (model,) = grouped_optimizer(student, [{}], 0.9)
    start = model.attr("state_dict")()
    g1 = [torch.full((2, 3), 1.0), torch.tensor([1.0, 1.0])]
    g2 = [torch.full((2, 3), -0.5), torch.tensor([2.0, 0.0])]
    plant_grads(student, model, g1)
    optimizer.attr("step")()
    student.set_lr(optimizer, 0.02)
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
