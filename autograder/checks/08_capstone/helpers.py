"""What only 08's checks use: the course's digits, the held-out digits and small judge-made networks (imported as
``checks_08_capstone``)."""
from __future__ import annotations

import functools
from pathlib import Path

import torch

from autograder.oracles import assignment_data
from autograder.student import Remote

ROOT = "data"  # the MNIST root the notebook is given (its files are in root/MNIST/raw, next to the notebook)
MEAN, STD = 0.1578, 0.2941  # the notebook's constants: the training pixels' mean and std on 0..1
PARAM_LIMIT = 50_000
HELDOUT = Path(__file__).resolve().parent / "heldout_digits.pt"  # scripts/make_capstone_heldout.py; never shipped


@functools.lru_cache(maxsize=2)
def digits(train: bool) -> tuple[torch.Tensor, torch.Tensor]:
    """08's digits (uint8, N x 28 x 28) and labels as stored in its data folder, read by the judge itself."""
    from torchvision.datasets import MNIST

    folder = assignment_data("08_capstone", "MNIST/raw/t10k-images-idx3-ubyte")
    dataset = MNIST(str(folder), train=train, download=False)
    return dataset.data, dataset.targets


def normalized(images: torch.Tensor, mean: float = MEAN, std: float = STD) -> torch.Tensor:
    """uint8 images (N x 28 x 28) after ToTensor() and Normalize((mean,), (std,)): float32, N x 1 x 28 x 28."""
    return ((images.float() / 255 - mean) / std).unsqueeze(1)


@functools.lru_cache(maxsize=1)
def heldout() -> tuple[torch.Tensor, torch.Tensor]:
    """The held-out digits (rotated and shifted test digits), normalized as the notebook's datasets are."""
    data = torch.load(HELDOUT, weights_only=True)
    return normalized(data["images"]), data["labels"]


def random_state(layers: list[tuple[str, int, int]], seed: int) -> dict[str, torch.Tensor]:
    """A state dict for Linear layers named like nn.Sequential's ("0", "2"...), drawn from a seeded generator."""
    generator = torch.Generator().manual_seed(seed)
    state = {}
    for name, fan_in, fan_out in layers:
        bound = fan_in ** -0.5
        state[f"{name}.weight"] = (torch.rand(fan_out, fan_in, generator=generator) * 2 - 1) * bound
        state[f"{name}.bias"] = (torch.rand(fan_out, generator=generator) * 2 - 1) * bound
    return state


def remote_net(student, sizes: tuple[int, int, int], dropout: float | None, state: dict) -> Remote:
    """Linear-ReLU-[Dropout]-Linear in the worker with the given weights (the worker reseeds every call, so networks
    built there start alike: the judge chooses their weights)."""
    nn = student.nn
    parts = [nn.attr("Linear")(sizes[0], sizes[1]), nn.attr("ReLU")()]
    if dropout is not None:
        parts.append(nn.attr("Dropout")(dropout))
    parts.append(nn.attr("Linear")(sizes[1], sizes[2]))
    model = nn.attr("Sequential")(*parts)
    model.attr("load_state_dict")(state)
    return model


def local_net(sizes: tuple[int, int, int], dropout: float | None, state: dict) -> torch.nn.Module:
    parts = [torch.nn.Linear(sizes[0], sizes[1]), torch.nn.ReLU()]
    if dropout is not None:
        parts.append(torch.nn.Dropout(dropout))
    parts.append(torch.nn.Linear(sizes[1], sizes[2]))
    model = torch.nn.Sequential(*parts)
    model.load_state_dict(state)
    return model


def last_layer(dropout: float | None) -> str:
    return "3" if dropout is not None else "2"


def same(a: dict, b: dict, atol: float = 1e-5) -> bool:
    """Two state dicts with the same keys and values equal up to float32 rounding of a few steps."""
    return (isinstance(a, dict) and a.keys() == b.keys()
            and all(isinstance(a[n], torch.Tensor) and a[n].shape == b[n].shape
                    and torch.allclose(a[n].float().cpu(), b[n].float(), rtol=1e-4, atol=atol) for n in a))
