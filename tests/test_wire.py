"""The frames between judge and worker (``worker.dumps``/``loads``): what goes in comes out, views stay views,
and the judge's reader builds nothing but plain data and tensors from whatever a worker writes."""
import io
import json
import pickle

import pytest
import torch
from hypothesis import given, settings, strategies as st

from autograder.sandbox.worker import TORCH_SAVE, WIRE, WIRE_HEADER, dumps, loads

DTYPES = [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.int8,
          torch.uint8, torch.bool, torch.complex64]


@st.composite
def tensors(draw):
    """Contiguous, transposed, sliced and expanded tensors of any dtype, empty and 0-d included."""
    dtype = draw(st.sampled_from(DTYPES))
    shape = draw(st.lists(st.integers(0, 4), max_size=3))
    base = (torch.rand(shape, dtype=torch.float64) * 20 - 10).to(dtype) if dtype != torch.bool \
        else torch.rand(shape) > 0.5
    form = draw(st.sampled_from(["plain", "transposed", "sliced", "expanded"]))
    if form == "transposed" and base.dim() >= 2:
        return base.t() if base.dim() == 2 else base.transpose(0, 2)
    if form == "sliced" and base.dim() >= 1 and base.shape[0] > 1:
        return base[1::2]
    if form == "sliced" and base.dim() == 2:  # a column, of an empty tensor too (its offset may pass the end)
        return base[:, -1] if base.shape[1] else base[:, 0:0]
    if form == "expanded" and base.dim() >= 1:
        return base.unsqueeze(0).expand(2, *base.shape)
    return base


plain = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=5) \
    | st.binary(max_size=5) | st.complex_numbers(allow_nan=False) | st.sampled_from(DTYPES) | tensors()
messages = st.recursive(plain, lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
                        | st.dictionaries(st.text(max_size=3) | st.integers(), inner, max_size=3), max_leaves=12)


def same(a, b) -> bool:
    if isinstance(a, torch.Tensor):
        return (type(a) is type(b) and a.dtype == b.dtype and a.shape == b.shape and a.stride() == b.stride()
                and a.requires_grad == b.requires_grad and torch.equal(a, b))
    if isinstance(a, float) and a != a:
        return isinstance(b, float) and b != b
    if type(a) in (list, tuple):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return type(b) is dict and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@settings(max_examples=200, deadline=None)
@given(messages)
def test_every_message_comes_back_the_same(message):
    payload = dumps(message)
    assert payload[:1] == WIRE  # nothing here needs torch.save
    assert same(message, loads(payload))


@pytest.mark.parametrize("message", [
    {"tensor": 1}, {"same": [0]}, {"a": {"dict": 2}}, {"dict": 2, "tuple": (3,)}, {}, [{}], {1: "one"}, {"x": None},
])
def test_dicts_whose_keys_look_like_tags_come_back_as_dicts(message):
    """An object of one key is a tag on the wire, so a dict of one entry goes as pairs; any other str-keyed dict as
    a JSON object."""
    assert same(message, loads(dumps(message)))


def test_views_of_one_tensor_stay_views_of_one_storage():
    base = torch.arange(12.0).reshape(3, 4)
    back = loads(dumps({"value": base.t(), "args": (base, base[1:])}))
    value, (arg, rest) = back["value"], back["args"]
    assert value.untyped_storage().data_ptr() == arg.untyped_storage().data_ptr() == rest.untyped_storage().data_ptr()
    value[0, 0] = 100.0  # a write through one shows in the others, as in the worker
    assert arg[0, 0] == 100.0 and rest.storage_offset() == 4


def test_a_tensor_met_twice_is_one_object_as_the_worker_had_it():
    x = torch.ones(3)
    back = loads(dumps({"value": x, "args": (x, torch.ones(3))}))
    assert back["value"] is back["args"][0] and back["args"][1] is not back["value"]


def test_parameters_gradients_flags_and_meta_tensors_keep_what_checks_read():
    back = loads(dumps([torch.nn.Parameter(torch.ones(2)), torch.ones(2, requires_grad=True),
                        torch.empty(2, 3, device="meta").t(), torch.Size([2, 3]), torch.device("cpu")]))
    assert type(back[0]) is torch.nn.Parameter and back[1].requires_grad and back[1].is_leaf
    assert back[2].device.type == "meta" and back[2].shape == (3, 2) and back[2].stride() == (1, 3)
    assert back[3] == torch.Size([2, 3]) and type(back[3]) is torch.Size and back[4] == torch.device("cpu")


def test_what_the_header_cannot_say_goes_as_torch_save_output_read_weights_only():
    sparse = torch.eye(3).to_sparse()
    payload = dumps({"value": sparse})
    assert payload[:1] == TORCH_SAVE
    assert torch.equal(loads(payload)["value"].to_dense(), torch.eye(3))


class Boom:
    def __reduce__(self):
        return (exec, ("import os; os.system('touch /tmp/owned-by-a-frame')",))


def frame(header: dict, data: bytes = b"") -> bytes:
    listed, text = json.dumps(header["storages"]).encode(), json.dumps(header["value"]).encode()
    return WIRE + WIRE_HEADER.pack(len(listed), len(text)) + listed + text + data


@pytest.mark.parametrize("payload", [
    TORCH_SAVE + pickle.dumps(Boom()),  # code in a pickle: refused by the weights-only unpickler
    b"X" + b"{}",  # not a frame of this protocol
    frame({"value": {"tensor": [0, 0, [4], [1], "float32", False, False]}, "storages": [[8, "cpu"]]}, b"\0" * 8),  # past its storage
    frame({"value": {"tensor": [0, 0, [1], [1], "float32", False, False]}, "storages": [[64, "cpu"]]}, b"\0" * 4),  # past the frame
    frame({"value": {"dtype": "Tensor"}, "storages": []}),  # a torch attribute that is not a dtype
    frame({"value": {"pickle": "..."}, "storages": []}),  # an unknown tag
    frame({"value": {"same": 0}, "storages": []}),  # a reference to a tensor not yet built
    frame({"value": {"float": "1e999999"}, "storages": []}),
    frame({"value": {"dict": [[[1], 2]]}, "storages": []}),  # an unhashable key
    frame({"value": {"bytes": 0}, "storages": [[4, "cpu"]]}, b"abcd"),  # bytes that point at a tensor's storage
])
def test_the_judges_reader_refuses_what_a_hostile_worker_writes(payload, tmp_path):
    with pytest.raises(Exception) as caught:
        loads(payload)
    assert not isinstance(caught.value, (SystemExit, KeyboardInterrupt))
    assert not (tmp_path.parent / "owned-by-a-frame").exists()


def test_the_worker_alone_reads_any_object_the_judge_sends():
    payload = dumps({"key": slice(1, 2)})
    assert payload[:1] == TORCH_SAVE and loads(payload, trusted=True) == {"key": slice(1, 2)}
    with pytest.raises(Exception):
        loads(payload)  # the judge's reader does not build it
