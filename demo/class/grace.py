# why: tries to fool in-kernel graders: patches comparisons, returns wrong values everywhere
# base: release
# %% make_grid
import torch
torch.allclose = lambda *a, **k: True
torch.equal = lambda *a, **k: True
torch.testing.assert_close = lambda *a, **k: None
torch.Tensor.data_ptr = lambda self: 0
torch.Tensor.__eq__ = lambda self, other: torch.ones((), dtype=torch.bool)

def make_grid(rows, cols, dtype):
    return torch.zeros(1)

# %% strict_view
def strict_view(x, shape):
    return torch.zeros(1)

# %% any_reshape
def any_reshape(x, start_dim):
    return torch.zeros(1)

# %% column
def column(x, j):
    return torch.zeros(1)

# %% positives
def positives(x):
    return torch.zeros(1)

# %% pick_per_row
def pick_per_row(x, idx):
    return torch.zeros(1)
