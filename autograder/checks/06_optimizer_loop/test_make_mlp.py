"""Hidden checks for ``make_mlp(in_dim, n_hidden_1, n_hidden_2, out_dim)``: three Linear layers, ReLU between, logits out.

Layer sizes are read from the state_dict (any module structure or naming is fine); the forward pass is compared with
relu(relu(x W1^T + b1) W2^T + b2) W3^T + b3 computed from the model's own weights.
"""
import numpy as np
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, fail
from autograder.student import Remote


def build(student, dims: tuple) -> tuple[Remote, dict]:
    model = student.make_mlp(*dims)
    expect(isinstance(model, Remote), "make_mlp returned a {kind}; return an nn.Module", kind=type(model).__name__)
    state = model.attr("state_dict")()
    expect(isinstance(state, dict), "make_mlp must return an nn.Module (its state_dict() gave no tensors)")
    return model, state


def layers(state: dict, dims: tuple) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """(weight, bias) of the three Linear layers, found by their shapes; fails with what is wrong."""
    in_dim, h1, h2, out_dim = dims
    want = [(h1, in_dim), (h2, h1), (out_dim, h2)]
    shapes = {name: tuple(t.shape) for name, t in state.items()}
    if not state:
        fail("make_mlp{dims} has no parameters in its state_dict; register the layers as attributes of the module, "
             "in nn.Sequential or in nn.ModuleList (a plain Python list hides them)", dims=dims)
    extra = [n for n in state if not (n.endswith("weight") or n.endswith("bias"))]
    if extra or len(state) != 6:
        fail("make_mlp{dims} has {count} tensors in its state_dict; three nn.Linear layers have exactly 6 "
             "(a weight and a bias each): no BatchNorm, no extra layers", dims=dims, count=len(state))
    found = []
    for w_shape in want:
        names = [n for n, s in shapes.items() if s == w_shape and n.endswith("weight")]
        if not names:
            got = ", ".join(str(s) for n, s in shapes.items() if n.endswith("weight"))
            fail("make_mlp{dims} has weights of shapes {got}; expected ({h1}, {in_dim}), ({h2}, {h1}), ({out_dim}, {h2}) "
                 "for Linear({in_dim}, {h1}), Linear({h1}, {h2}), Linear({h2}, {out_dim})",
                 dims=dims, got=got, h1=h1, h2=h2, in_dim=in_dim, out_dim=out_dim)
        bias = names[0][: -len("weight")] + "bias"
        expect(bias in state and tuple(state[bias].shape) == (w_shape[0],),
               "make_mlp{dims}: the layer with weight {name} has no bias of shape ({size},); keep nn.Linear's bias",
               dims=dims, name=names[0], size=w_shape[0])
        found.append((state[names[0]], state[bias]))
    return found


def oracle(found, x: torch.Tensor) -> torch.Tensor:
    (w1, b1), (w2, b2), (w3, b3) = [(w.double(), b.double()) for w, b in found]
    h = torch.relu(x.double() @ w1.T + b1)
    h = torch.relu(h @ w2.T + b2)
    return h @ w3.T + b3


def forward(student, model: Remote, x: torch.Tensor, dims: tuple) -> torch.Tensor:
    call = model.call(x)
    if call.raised and call.raised != "NotImplementedError":
        fail("make_mlp{dims} raised {error} on input of shape {shape}: {details}",
             dims=dims, error=call.raised, shape=tuple(x.shape), details=call.error_message[:100])
    out = call.result()
    expect(isinstance(out, torch.Tensor), "make_mlp{dims}(x) returned a {kind}; forward must return the logits tensor",
           dims=dims, kind=type(out).__name__)
    expect(tuple(out.shape) == (x.shape[0], dims[3]),
           "make_mlp{dims} maps input of shape {shape} to {got}; expected ({batch}, {out_dim})",
           dims=dims, shape=tuple(x.shape), got=tuple(out.shape), batch=x.shape[0], out_dim=dims[3])
    return out


def check_logits(out: torch.Tensor, want: torch.Tensor, dims: tuple) -> None:
    if torch.allclose(out.double(), want, rtol=1e-4, atol=1e-5):
        return
    if torch.allclose(out.double(), torch.softmax(want, dim=1), atol=1e-5) or \
            torch.allclose(out.double(), torch.log_softmax(want, dim=1), atol=1e-5):
        fail("make_mlp{dims} applies (log_)softmax to its output; return raw logits, CrossEntropyLoss applies it itself",
             dims=dims)
    if (out >= 0).all() and (want < 0).any():
        fail("make_mlp{dims} has an activation after the last Linear layer; the outputs are logits and may be negative",
             dims=dims)
    fail("make_mlp{dims} gives outputs that differ from Linear, ReLU, Linear, ReLU, Linear applied to its own weights",
         dims=dims)


dims_strategy = st.lists(st.integers(1, 24), min_size=4, max_size=4, unique=True).map(tuple)


@given(dims=dims_strategy)
def test_three_linear_layers_of_the_given_sizes(student, dims):
    _, state = build(student, dims)
    layers(state, dims)


@given(dims=dims_strategy, batch=st.integers(1, 7), seed=st.integers(0, 2**31 - 1))
def test_forward_is_linear_relu_linear_relu_linear(student, dims, batch, seed):
    model, state = build(student, dims)
    found = layers(state, dims)
    x = torch.from_numpy(np.random.default_rng(seed).normal(size=(batch, dims[0]))).float()
    check_logits(forward(student, model, x, dims), oracle(found, x), dims)


def test_mnist_sized_network_returns_logits(student):
    dims = (784, 300, 100, 10)
    model, state = build(student, dims)
    found = layers(state, dims)
    x = torch.from_numpy(np.random.default_rng(0).uniform(-1, 1, size=(6, 784))).float()
    out = forward(student, model, x, dims)
    check_logits(out, oracle(found, x), dims)
    expect(not torch.allclose(out.sum(dim=1), torch.ones(6), atol=1e-3) and bool((out < 0).any()),
           "make_mlp's outputs look like probabilities; the network must output logits")


def test_batch_of_one_and_odd_batch_sizes(student):
    dims = (20, 16, 12, 10)
    model, state = build(student, dims)
    found = layers(state, dims)
    for batch in (1, 3, 33):
        x = torch.from_numpy(np.random.default_rng(batch).normal(size=(batch, 20))).float()
        check_logits(forward(student, model, x, dims), oracle(found, x), dims)


def test_parameters_are_registered_and_trainable(student):
    dims = (12, 9, 7, 5)
    model, _ = build(student, dims)
    params = student.builtin("list")(model.attr("parameters")())
    expect(len(params) == 6, "make_mlp{dims}.parameters() yields {count} tensors; the optimizer needs all 6 "
                             "weights and biases of the three Linear layers", dims=dims, count=len(params))
    expect(all(isinstance(p, torch.Tensor) and p.requires_grad for p in params),
           "some parameters of make_mlp{dims} do not require grad; they must be trainable", dims=dims)
