"""The process that runs student code, and the protocol the judge speaks with it.

It runs as ``python -I worker.py --fork-server SOCKET_FD``: a process that imports torch once and
forks a fresh worker per submission.  It imports nothing from the ``autograder`` package, so the
hidden checks never have to be importable where student code runs.  A worker

1. reads ``cells.json`` (the notebook rebuilt from the source notebook),
2. runs each cell in one IPython shell, reporting every cell's outcome,
3. then serves requests from the judge until the pipe closes.

Protocol (this file is its one definition; ``handle.py`` and ``student.py`` follow it)
-------------------------------------------------------------------------------------
Frames: an 8-byte little-endian length (``HEADER``), then that many bytes of payload, at most
``MAX_FRAME_BYTES``: ``dumps``/``loads`` below (a JSON header and raw tensor storages, or torch.save
output for what the header cannot say).  The judge reads what comes back with ``loads``, which builds
only plain data and tensors (``torch.load(weights_only=True)`` for torch.save output), so whatever
student code does to this process, only tensors and plain data reach the judge.

Events, worker → judge, while the cells run (``EVENTS``):
  ``{"event": "start", "cell": INDEX}``, ``{"event": "done", "cell": INDEX, "error": ERROR | None}``,
  then ``{"event": "ready"}`` once every cell ran.
Requests, judge → worker (``OPS``), each answered by one reply:
  ``{"op": "get", "target": NAME | HANDLE_ID, "attr": str | None}``
  ``{"op": "call", "target": ..., "attr": ..., "args": [...], "kwargs": {...}, "seed": int, "echo": bool}``,
  with ``"meta": true`` for a function that builds an nn.Module whose structure alone the judge reads: it runs
  under ``torch.device("meta")`` (no parameter memory, no initialization), and again as usual when that raises
  or gives no nn.Module
  ``{"op": "stats"}`` (the worker's peak memory and the seconds its calls spent in the student's code, for
  benchmarks; the student could forge both)
  ``{"op": "batch", "count": N, "expect": [DIGEST | None, ...]}`` followed by N request frames: read all, then
  answered one reply each, in order.  ``expect[i]`` is ``reply_digest`` of the reply request i got when the judge
  recorded the batch: once a reply's digest differs from it, the requests after it are not run and each gets
  ``SKIPPED`` (the judge sends again those it still makes)
Replies: ``{"ok": True, "value": V}`` (a call with ``echo`` adds ``"args"`` and ``"kwargs"`` as the call
  left them, in the same frame, so identity and shared storage survive) or ``{"ok": False, "error": ERROR}``,
  where ERROR is ``{"type": exception class name, "message": first line}``.
Encodings of values inside V, args and kwargs: tensors, dtypes, devices, sizes, numbers, strings, bytes and
  None as themselves; lists, tuples and str/int-keyed dicts recursively (named tuples as tuples, dict
  subclasses as dicts); ``{HANDLE: id, "type": qualname}`` for any other object, which stays here;
  ``{NDARRAY: tensor}`` for a numeric NumPy array (sharing its memory); ``{NPSCALAR: value, "dtype": name}``
  for a NumPy scalar.
"""
from __future__ import annotations

import ctypes
import hashlib
import io
import json
import os
import signal
import struct
import sys
import time
import traceback

HEADER = struct.Struct("<Q")
MAX_FRAME_BYTES = 512 * 1024 * 1024
EVENTS = ("start", "done", "ready")
OPS = ("get", "call", "stats", "batch")
HANDLE, NDARRAY, NPSCALAR = "__handle__", "__ndarray__", "__npscalar__"
SKIPPED = {"ok": False, "skipped": True}  # a batched request not run: an earlier reply differed from the recording
PR_SET_PDEATHSIG = 1  # prctl(2)


def reply_digest(payload: bytes) -> str:
    """What a batch's ``expect`` compares: a digest of a reply frame's payload, byte for byte."""
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


def die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGKILL this process when ``parent`` dies, by any signal (SIGKILL included).

    ``parent`` is the pid this process was started by: if it already died before the request,
    the request would never fire, so exit now instead.  Linux only; elsewhere nothing happens.
    """
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)


def write_frame(fd: int, payload: bytes) -> None:
    write_frames(fd, [payload])


def write_frames(fd: int, payloads: list[bytes]) -> None:
    data = b"".join(HEADER.pack(len(payload)) + payload for payload in payloads)
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def read_exact(fd: int, n: int) -> bytes:
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError("pipe closed")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int) -> bytes:
    (size,) = HEADER.unpack(read_exact(fd, HEADER.size))
    if size > MAX_FRAME_BYTES:
        raise ValueError(f"frame of {size} bytes is over the limit")
    return read_exact(fd, size)


# -- the wire format ------------------------------------------------------------------------------------
# A frame's payload is WIRE (b"W"), two 4-byte lengths, a JSON list of the storages (their byte counts and
# devices), the message as JSON, then the raw bytes of each storage; or, for what the JSON cannot say,
# TORCH_SAVE (b"T") and torch.save output.  In the message, lists, strings, ints, bools, None and finite
# floats are JSON's own; an object of two or more keys, or none, is a dict with those str keys; an object
# of one key is a tag naming what its value encodes (``{"tuple": [...]}``, ``{"tensor": [...]}``, any other
# dict as ``{"dict": [[key, value], ...]}``...).  So the reader lets json build the data and turns each
# tag into its value as json closes it (``object_hook``), in the order a depth-first walk would meet them.
# Reading WIRE builds only plain data, dtypes, devices, sizes and tensors (no code runs: it is as strict as
# torch.load(weights_only=True), which the judge uses for TORCH_SAVE frames), at a tenth of torch.save's
# cost for the small messages checks exchange.
WIRE, TORCH_SAVE = b"W", b"T"
WIRE_HEADER = struct.Struct("<II")  # the lengths of the storages' JSON and of the message's


class NotWireable(TypeError):
    """A value the JSON cannot carry; the frame goes as torch.save output instead."""


def dumps(message) -> bytes:
    """``message`` as one frame's payload (WIRE when every value in it allows, else TORCH_SAVE)."""
    try:
        return _wire_dumps(message)
    except NotWireable:
        import torch

        buffer = io.BytesIO()
        buffer.write(TORCH_SAVE)
        torch.save(message, buffer)
        return buffer.getvalue()


def loads(payload: bytes, trusted: bool = False):
    """A frame's message; ``trusted`` (the worker reading the judge) lets TORCH_SAVE frames hold any object."""
    import torch

    if payload[:1] == TORCH_SAVE:
        return torch.load(io.BytesIO(payload[1:]), weights_only=not trusted)
    if payload[:1] != WIRE or len(payload) < 1 + WIRE_HEADER.size:
        raise ValueError("not a frame of this protocol")
    listed, size = WIRE_HEADER.unpack_from(payload, 1)
    start = 1 + WIRE_HEADER.size
    text = payload[start + listed:start + listed + size]
    data = memoryview(payload)[start + listed + size:]
    storages, at = [], 0
    for nbytes, device in json.loads(payload[start:start + listed]):
        if not isinstance(nbytes, int) or nbytes < 0 or at + nbytes > len(data):
            raise ValueError("a storage runs past the frame")
        if device == "meta":
            storages.append(None)
            continue
        if device == "bytes":
            storages.append(bytes(data[at:at + nbytes]))
            at += nbytes
            continue
        storage = torch.UntypedStorage.from_buffer(data[at:at + nbytes], dtype=torch.uint8) if nbytes \
            else torch.UntypedStorage(0)
        storages.append(storage if device == "cpu" else storage.to(device=torch.device(device)))
        at += nbytes
    return json.loads(text, object_hook=_wire_reader(storages, torch))


def _wire_dumps(message) -> bytes:
    import torch

    storages: list = []  # [nbytes, device] per storage, in the order their bytes follow the header
    chunks: list = []
    seen: dict = {}  # storage identity -> index, so views of one storage stay views of one storage
    sent: dict = {}  # id(tensor) -> ordinal: a tensor met twice (a call that returns its argument) is one object
    tensor_types = (torch.Tensor, torch.nn.Parameter)

    def tensor(t):
        if id(t) in sent:
            return {"same": sent[id(t)]}
        sent[id(t)] = len(sent)
        kind = t.device.type
        if t.layout != torch.strided or t.is_quantized or t.is_conj() or t.is_neg() or kind not in ("cpu", "cuda", "meta"):
            raise NotWireable(type(t).__name__)
        if kind == "meta":
            index = len(storages)
            storages.append([0, "meta"])
        else:
            device = str(t.device)
            s = t.untyped_storage()
            key = (device, s._cdata)
            index = seen.get(key)
            if index is None:
                index = seen[key] = len(storages)
                storages.append([s.nbytes(), device])
                host = s if kind == "cpu" else s.cpu()
                chunks.append(ctypes.string_at(host.data_ptr(), host.nbytes()) if host.nbytes() else b"")
        return {"tensor": [index, t.storage_offset(), list(t.shape), list(t.stride()), _DTYPE_NAMES[t.dtype],
                           t.requires_grad, type(t) is torch.nn.Parameter]}

    def value(v, depth):
        kind = type(v)
        if kind is str or kind is int or kind is bool or v is None:
            return v
        if depth > 32:
            raise NotWireable("nested too deep")
        if kind is float:
            return v if v == v and v not in (float("inf"), float("-inf")) else {"float": repr(v)}
        if kind is list:
            return [value(item, depth + 1) for item in v]
        if kind is tuple:
            return {"tuple": [value(item, depth + 1) for item in v]}
        if kind is dict:
            if len(v) != 1 and all(type(k) is str for k in v):
                return {k: value(item, depth + 1) for k, item in v.items()}
            return {"dict": [[value(k, depth + 1), value(item, depth + 1)] for k, item in v.items()]}
        if kind in tensor_types:
            return tensor(v)
        if kind is torch.Size:
            return {"size": list(v)}
        if kind is torch.dtype:
            return {"dtype": _DTYPE_NAMES[v]}
        if kind is torch.device:
            return {"device": str(v)}
        if kind is complex:
            return {"complex": [value(v.real, depth + 1), value(v.imag, depth + 1)]}
        if kind is bytes:
            storages.append([len(v), "bytes"])
            chunks.append(v)
            return {"bytes": len(storages) - 1}
        raise NotWireable(kind.__name__)

    text = json.dumps(value(message, 0), separators=(",", ":")).encode()
    listed = json.dumps(storages, separators=(",", ":")).encode()
    return b"".join([WIRE, WIRE_HEADER.pack(len(listed), len(text)), listed, text, *chunks])


class _DtypeNames(dict):
    """torch.float32 -> "float32", computed once per dtype."""

    def __missing__(self, dtype):
        self[dtype] = str(dtype)[6:]
        return self[dtype]


_DTYPE_NAMES = _DtypeNames()


def _wire_reader(storages: list, torch):
    """json's ``object_hook`` for one frame: a dict as it is, a tag as its value; ``built`` holds the frame's
    tensors in the order they first appear (what ``{"same": k}`` refers to)."""
    built: list = []

    def number(n):
        if type(n) not in (int, float):
            raise ValueError("malformed number")
        return float(n)

    def read(obj: dict):
        if len(obj) != 1:
            return obj
        (tag, body), = obj.items()
        if tag == "tuple" and type(body) is list:
            return tuple(body)
        if tag == "tensor" and type(body) is list and len(body) == 7:
            index, offset, shape, stride, dtype, requires_grad, parameter = body
            dtype = _wire_dtype(dtype, torch)
            storage = storages[index] if type(index) is int and 0 <= index < len(storages) else b""
            if storage is None:  # meta: shape and strides only
                t = torch.empty_strided(shape, stride, dtype=dtype, device="meta")
            else:
                if isinstance(storage, bytes) or not _wire_fits(offset, shape, stride, dtype, storage.nbytes()):
                    raise ValueError("a tensor runs past its storage")
                t = torch.empty(0, dtype=dtype, device=storage.device).set_(storage, offset, shape, stride)
            if requires_grad is True:
                t.requires_grad_(True)
            built.append(torch.nn.Parameter(t, requires_grad=requires_grad is True) if parameter is True else t)
            return built[-1]
        if tag == "dict" and type(body) is list:
            out = {}
            for pair in body:
                if type(pair) is not list or len(pair) != 2:
                    raise ValueError("malformed dict")
                out[pair[0]] = pair[1]
            return out
        if tag == "same":
            if type(body) is not int or not 0 <= body < len(built):
                raise ValueError("malformed reference")
            return built[body]
        if tag == "size" and type(body) is list and all(type(n) is int for n in body):
            return torch.Size(body)
        if tag == "dtype":
            return _wire_dtype(body, torch)
        if tag == "device" and type(body) is str:
            return torch.device(body)
        if tag == "float":
            if body not in ("nan", "inf", "-inf"):
                raise ValueError("malformed float")
            return float(body)
        if tag == "complex" and type(body) is list and len(body) == 2:
            return complex(number(body[0]), number(body[1]))
        if tag == "bytes":
            storage = storages[body] if type(body) is int and 0 <= body < len(storages) else None
            if not isinstance(storage, bytes):
                raise ValueError("malformed bytes")
            return storage
        raise ValueError(f"unknown or malformed tag {tag!r}")

    return read


def _wire_fits(offset, shape, stride, dtype, nbytes: int) -> bool:
    """Whether a tensor of these sizes and strides lies inside a storage of ``nbytes`` (set_ would grow it)."""
    if type(offset) is not int or offset < 0 or type(shape) is not list or type(stride) is not list \
            or len(shape) != len(stride):
        return False
    last, empty = offset, False
    for size, step in zip(shape, stride):
        if type(size) is not int or type(step) is not int or size < 0 or step < 0:
            return False
        if size == 0:  # no element to read (a view of an empty tensor may start past its storage's end)
            empty = True
        last += (size - 1) * step
    return empty or (last + 1) * dtype.itemsize <= nbytes


def _wire_dtype(name, torch):
    dtype = getattr(torch, name, None) if isinstance(name, str) else None
    if not isinstance(dtype, torch.dtype):
        raise ValueError(f"not a dtype: {name!r}")
    return dtype


def make_shell():
    """The IPython shell cells run in (the same singleton on every call); no history, so no thread."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    return InteractiveShell.instance(config=config)


def describe_exception(exc: BaseException) -> dict:
    message = str(exc).strip().splitlines()
    return {"type": type(exc).__name__, "message": message[0][:500] if message else ""}


class StudentProcess:
    """The worker's side: runs the cells, keeps the objects behind handles, answers the judge's requests."""

    def __init__(self, job_dir: str, read_fd: int, write_fd: int) -> None:
        import torch  # imported here so that the judge can import this module cheaply

        self.torch = torch
        self.job_dir = job_dir
        self.read_fd = read_fd
        self.write_fd = write_fd
        self.handles: dict[int, object] = {}
        self.calls_seconds = 0.0  # wall time inside the callables the judge called: the student's compute

    # -- encoding ---------------------------------------------------------
    def encode(self, value, depth: int = 0):
        """Tensors and plain data travel as they are; anything else stays here behind a handle."""
        torch = self.torch
        if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
            return value
        if isinstance(value, (torch.dtype, torch.device, torch.Size)):
            return value
        if type(value) in (torch.Tensor, torch.nn.Parameter):
            return value
        if depth < 8 and isinstance(value, (list, tuple)):
            # named tuples (torch.return_types.topk, max, sort...) arrive as plain tuples
            return (list if isinstance(value, list) else tuple)(self.encode(v, depth + 1) for v in value)
        if depth < 8 and isinstance(value, dict) and all(isinstance(k, (str, int)) for k in value):
            # OrderedDict (state_dict) and other dict subclasses arrive as plain dicts, in order
            return {k: self.encode(v, depth + 1) for k, v in value.items()}
        numpy = sys.modules.get("numpy")
        if numpy is not None:
            if isinstance(value, numpy.ndarray) and value.dtype.kind in "biufc" and value.dtype.byteorder in "=|<":
                # from_numpy shares memory, so storage sharing with tensors survives the trip
                return {NDARRAY: torch.from_numpy(value)}
            if isinstance(value, numpy.generic) and value.dtype.kind in "biufc":
                return {NPSCALAR: value.item(), "dtype": str(value.dtype)}
        handle = len(self.handles) + 1
        self.handles[handle] = value
        return {HANDLE: handle, "type": type(value).__qualname__}

    def share_memory(self, message):
        """Make tensors of one reply that use the same memory use one storage object.

        torch.save keys storages by object, so ``torch.from_numpy(a)`` and the tensor an
        ndarray ``a`` travels as would arrive as two copies.  Every tensor whose memory lies
        inside a larger storage of the same reply becomes a view of that storage.
        """
        torch = self.torch
        found = []

        def walk(v, depth=0):
            if isinstance(v, torch.Tensor):
                found.append(v)
            elif depth < 10 and type(v) in (list, tuple):
                for item in v:
                    walk(item, depth + 1)
            elif depth < 10 and isinstance(v, dict):
                for item in v.values():
                    walk(item, depth + 1)

        walk(message)
        spans = {}
        for t in found:
            if t.device.type != "cpu" or t.layout != torch.strided:
                continue
            s = t.untyped_storage()
            if s.nbytes():
                spans.setdefault(s._cdata, (s.data_ptr(), s.data_ptr() + s.nbytes(), s))
        ordered = sorted(spans.values(), key=lambda span: (span[0], -(span[1] - span[0])))
        home = {}
        outer = None
        for start, end, s in ordered:
            if outer is not None and start >= outer[0] and end <= outer[1]:
                if s._cdata != outer[2]._cdata:
                    home[s._cdata] = (outer[2], start - outer[0])
            else:
                outer = (start, end, s)
        if not home:
            return message
        memo = {}

        def rebuild(v, depth=0):
            if isinstance(v, torch.Tensor):
                if id(v) in memo:
                    return memo[id(v)]
                out = v
                target = home.get(v.untyped_storage()._cdata) if v.device.type == "cpu" else None
                if target is not None and target[1] % v.element_size() == 0:
                    storage, byte_offset = target
                    with torch.no_grad():
                        out = torch.empty(0, dtype=v.dtype).set_(
                            storage, byte_offset // v.element_size() + v.storage_offset(), v.size(), v.stride())
                    if v.requires_grad:
                        out.requires_grad_(True)
                    if isinstance(v, torch.nn.Parameter):
                        out = torch.nn.Parameter(out, requires_grad=v.requires_grad)
                memo[id(v)] = out
                return out
            if depth < 10 and type(v) in (list, tuple):
                return type(v)(rebuild(item, depth + 1) for item in v)
            if depth < 10 and isinstance(v, dict):
                return {k: rebuild(item, depth + 1) for k, item in v.items()}
            return v

        return rebuild(message)

    def decode(self, value):
        if isinstance(value, dict):
            if HANDLE in value:
                return self.handles[value[HANDLE]]
            if NDARRAY in value:
                return value[NDARRAY].numpy()
            return {k: self.decode(v) for k, v in value.items()}
        if type(value) in (list, tuple):
            return type(value)(self.decode(v) for v in value)
        return value

    def send(self, message: dict) -> bytes:
        try:
            payload = dumps(message)
        except Exception as exc:  # e.g. a tensor subclass that cannot be saved
            payload = dumps({"ok": False, "error": {"type": "UnsendableResult", "message": str(exc)[:300]}})
        write_frame(self.write_fd, payload)
        return payload

    def receive(self) -> dict:
        # Frames on this pipe come from the judge, which the worker has no reason to distrust
        return loads(read_frame(self.read_fd), trusted=True)

    # -- phases -----------------------------------------------------------
    def run_notebook(self) -> None:
        with open(os.path.join(self.job_dir, "cells.json"), encoding="utf-8") as f:
            cells = json.load(f)
        shell = make_shell()
        self.namespace = shell.user_ns
        for cell in cells:
            self.send({"event": "start", "cell": cell["index"]})
            error = None
            try:
                outcome = shell.run_cell(cell["source"], store_history=False, silent=False)
                failure = outcome.error_before_exec or outcome.error_in_exec
                if failure is not None:
                    error = describe_exception(failure)
            except BaseException as exc:  # SystemExit from a cell, a broken shell...
                error = describe_exception(exc)
            self.send({"event": "done", "cell": cell["index"], "error": error})
        self.send({"event": "ready"})

    def serve(self) -> None:
        skipped = dumps(SKIPPED)
        while True:
            try:
                request = self.receive()
                if request.get("op") == "batch":  # its requests are read first (written in one go), then answered
                    batch = [self.receive() for _ in range(int(request["count"]))]
                    digests = list(request.get("expect") or [])
                else:
                    batch, digests = [request], []
            except EOFError:
                return
            same = True  # every reply so far is the recorded one, so the judge's check makes the next request too
            for index, request in enumerate(batch):
                if not same:
                    write_frame(self.write_fd, skipped)
                    continue
                payload = self.send(self.handle(request))
                wanted = digests[index] if index < len(digests) else None
                same = wanted is None or reply_digest(payload) == wanted

    def handle(self, request: dict) -> dict:
        if request["op"] == "stats":  # informational only (benchmarks): the student could forge it
            import resource

            return {"ok": True, "value": {"max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                                          "calls_seconds": self.calls_seconds}}
        target = request["target"]
        try:
            if isinstance(target, int):
                obj = self.handles[target]
            elif target in self.namespace:
                obj = self.namespace[target]
            else:
                return {"ok": False, "error": {"type": "NameError", "message": f"name '{target}' is not defined"}}
            if request.get("attr") is not None:
                obj = getattr(obj, request["attr"])
            if request["op"] == "get":
                return {"ok": True, "value": self.encode(obj)}
            args = self.decode(request.get("args", ()))
            kwargs = self.decode(request.get("kwargs", {}))
            self.seed(request.get("seed"))
            started = time.perf_counter()
            try:
                if request.get("meta"):
                    value = self.build_on_meta(obj, args, kwargs, request.get("seed"))
                else:
                    value = obj(*args, **kwargs)
            finally:
                self.calls_seconds += time.perf_counter() - started
            reply = {"ok": True, "value": self.encode(value)}
            if request.get("echo", True):
                # Arguments go back in the same frame as the result so that storage
                # sharing and identity between them survive serialization.
                reply.update(args=self.encode(args), kwargs=self.encode(kwargs))
            return self.share_memory(reply)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                return {"ok": False, "error": {"type": type(exc).__name__, "message": "your code tried to stop the process"}}
            return {"ok": False, "error": describe_exception(exc)}

    def build_on_meta(self, build, args: tuple, kwargs: dict, seed):
        """``build(*args, **kwargs)`` on the meta device when that gives an nn.Module: its names, shapes, types and
        flags are those a real build has, for a fraction of the time (initializing a ResNet-18's 11 M weights is
        most of building it).  Code that needs real values (``.to("cpu")``, ``.item()``) raises there and is simply
        run again as usual, so the judge sees what a normal call gives whenever the two could differ."""
        torch = self.torch
        try:
            with torch.device("meta"):
                value = build(*args, **kwargs)
            if isinstance(value, torch.nn.Module):
                return value
        except Exception:
            pass
        self.seed(seed)
        return build(*args, **kwargs)

    def seed(self, seed) -> None:
        if seed is None:
            return
        import random

        random.seed(seed)
        # torch.manual_seed also walks every accelerator backend (~0.1 ms a call); the CPU generator,
        # and CUDA's only once this process has initialized it, give the same streams far cheaper
        self.torch.default_generator.manual_seed(seed)
        if self.torch.cuda.is_initialized():
            self.torch.cuda.manual_seed_all(seed)
        numpy = sys.modules.get("numpy")
        if numpy is not None:
            numpy.random.seed(seed)


def run_worker(job_dir: str, read_fd: int, write_fd: int, cuda: bool = False) -> None:
    worker = StudentProcess(job_dir, read_fd, write_fd)
    if cuda:  # the GPU's context takes seconds to create (more with many workers): not on a student's call's clock
        try:
            worker.torch.empty(1, device="cuda")
        except Exception:
            pass  # the cells and checks that use CUDA say what is wrong
    worker.seed(0)
    try:
        worker.run_notebook()
        worker.serve()
    except Exception:
        traceback.print_exc()
        os._exit(3)
    os._exit(0)


def apply_limits(limits: dict) -> None:
    import resource

    if limits["address_space_bytes"] is not None:
        resource.setrlimit(resource.RLIMIT_AS, (limits["address_space_bytes"],) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_seconds"], limits["cpu_seconds"] + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_size_bytes"],) * 2)
    resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"],) * 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big write fails instead of killing


def exit_status_path(job_dir: str) -> str:
    """Where the fork server writes a job's exit status (``os.waitstatus_to_exitcode``) once it reaps it."""
    return job_dir.rstrip("/") + ".exit_status"


def start_job(job: dict, read_fd: int, write_fd: int, server: int) -> None:
    """In a child of the fork server: become a session leader, limit, and run the worker.

    The judge kills the whole session (and, with job uids, everything of the job's uid); the worker dies with the
    fork server, so nothing outlives a server killed outright.  Its exit status is written by the server, which
    reaps it (``_Spares.reap``).
    """
    os.setsid()
    apply_limits(job["limits"])
    if job.get("uid"):  # a uid of its own: it cannot signal, trace or read the fork server or other jobs
        os.setgroups([])
        os.setgid(job["uid"])
        os.setuid(job["uid"])
    die_with_parent(server)  # after setuid, which clears the request
    os.chdir(job["work"])
    os.environ.clear()
    os.environ.update(job["env"])
    log = os.open(os.path.join(job["job_dir"], "worker.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    run_worker(job["job_dir"], read_fd, write_fd, job.get("cuda", False))


def deterministic(torch) -> None:
    """Same answers on every run and device: deterministic kernels where torch has them, no TF32.

    ``warn_only``: a student's op without a deterministic kernel warns (stderr costs no points)
    instead of failing.  Nothing here initializes CUDA, which must not happen before a fork.
    """
    # what torch.use_deterministic_algorithms(True, warn_only=True) does, minus its import of the
    # inductor compiler's config (~900 modules, 150 MB in every worker, seconds at start)
    torch._C._set_deterministic_algorithms(True, warn_only=True)
    torch.backends.cudnn.benchmark = False
    torch.backends.cudnn.deterministic = True
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False


def preload(modules: list[str]) -> None:
    """Import what the assignment's notebook imports, so no submission pays for it.

    An optimizer's first step imports much more of torch (about 2 s): take it here too when the
    notebook uses ``torch.optim``.  Nothing that fails here matters: the notebook imports it again.
    """
    import importlib

    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:
            pass
    import torch

    # The first operation on a 'meta' tensor imports torch's meta kernels and decompositions (~900
    # modules, seconds): every submission meets the meta device checks, so pay it once here.
    torch.empty(1, device="meta") * 2
    if any(name == "torch.optim" or name.startswith("torch.optim.") for name in modules):
        weight = torch.zeros(1, requires_grad=True)
        weight.sum().backward()
        torch.optim.SGD([weight], lr=0.1, momentum=0.9).step()


def fork_server(sock_fd: int, modules: list[str] = ()) -> None:
    """Import torch once, then start a fresh worker for every job the judge sends.

    No student code ever runs in this process: each job runs in a new child, so nothing of one submission is
    visible to the next.  The child is forked ahead of its job (``_Spares``): forking this process (hundreds of MB)
    takes ~10 ms, paid while the judge grades rather than when it asks for a worker.
    """
    import gc
    import socket

    import torch

    torch.set_num_threads(1)
    deterministic(torch)
    preload(modules)
    make_shell()  # built once here (it takes a tenth of a second); each child gets its own copy by fork
    # Python's cyclic collector skips what exists now (torch and the preloaded modules) in every worker: a
    # full collection there would walk torch's whole heap, a pause of ~0.3 s in the middle of a student's call
    # (measured on 06).  What the notebook and the checks create is collected as before.
    gc.freeze()
    sock = socket.socket(fileno=sock_fd)
    spares = _Spares(sock)
    sock.sendall(b'{"ready": true}\n')
    while True:
        message, fds, _, _ = socket.recv_fds(sock, 1 << 16, 2)
        if not message:  # the judge closed its end, or died
            os._exit(0)
        pid = spares.hand_over(message, fds)
        for fd in fds:
            os.close(fd)
        sock.sendall(json.dumps({"pid": pid}).encode() + b"\n")
        spares.fork()  # the next job's child, forked now, off that job's clock


class _Spares:
    """The fork server's children, each forked ahead of its job and waiting for it on a socket of its own;
    the server reaps them and writes each one's exit status where the judge reads it (``exit_status_path``)."""

    def __init__(self, judge) -> None:
        self.judge = judge  # the server's socket to the judge: closed in every child
        self.server = os.getpid()
        self.jobs: dict[int, str] = {}  # pid -> job folder, of the children that got their job
        self.spare: tuple[int, object] | None = None
        signal.signal(signal.SIGCHLD, self.reap)
        self.fork()

    def fork(self) -> None:
        import socket

        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pid = os.fork()
        if pid == 0:
            code = 1  # what the judge reads if the job could not start (run_worker exits on its own)
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                self.judge.close()
                ours.close()
                die_with_parent(self.server)
                message, fds, _, _ = socket.recv_fds(theirs, 1 << 16, 2)
                if not message or len(fds) != 2:
                    code = 0  # no job: the server is stopping
                else:
                    theirs.close()
                    start_job(json.loads(message), *fds, self.server)
            finally:
                os._exit(code)
        theirs.close()
        self.spare = (pid, ours)

    def hand_over(self, message: bytes, fds: list[int]) -> int:
        """Give the job to the waiting child (a fresh one if it is gone); its pid."""
        import socket

        for _attempt in range(2):
            if self.spare is None:
                self.fork()
            pid, channel = self.spare
            self.spare = None
            job_dir = self.jobs[pid] = json.loads(message)["job_dir"]  # before it can end: reap writes its status
            try:
                socket.send_fds(channel, [message], fds)
                return pid
            except OSError:  # it died waiting (the OOM killer...): fork another
                self.jobs.pop(pid, None)
                try:
                    os.unlink(exit_status_path(job_dir))  # its status, should reap have written it: not the job's
                except OSError:
                    pass
            finally:
                channel.close()
        raise RuntimeError("the fork server could not start a worker")

    def reap(self, _signum=None, _frame=None) -> None:
        while True:
            try:  # looked at without reaping: the status is written before the pid is gone, the judge's sign
                info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:
                return
            if info is None:
                return
            job_dir = self.jobs.pop(info.si_pid, None)
            if job_dir is not None:
                code = info.si_status if info.si_code == os.CLD_EXITED else -info.si_status
                try:
                    # beside its job folder, in the server's: a job's uid can create nothing there (in its own
                    # folder it could leave a link for this process to write through)
                    fd = os.open(exit_status_path(job_dir), os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
                    with open(fd, "w") as f:
                        f.write(str(code))
                except OSError:
                    pass
            try:
                os.waitpid(info.si_pid, 0)
            except ChildProcessError:
                pass


if __name__ == "__main__":
    if "--parent" in sys.argv:  # started outside bubblewrap, which would otherwise kill it with the judge
        die_with_parent(int(sys.argv[sys.argv.index("--parent") + 1]))
    preloads = sys.argv[sys.argv.index("--preload") + 1].split(",") if "--preload" in sys.argv else []
    fork_server(int(sys.argv[sys.argv.index("--fork-server") + 1]), [m for m in preloads if m])
