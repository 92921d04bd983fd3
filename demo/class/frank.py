# why: one answer cell never finishes; the others are right
# base: solution
# %% make_grid
import torch

def make_grid(rows, cols, dtype):
    return torch.arange(rows * cols, dtype=dtype).view(rows, cols)

while True:  # left over from debugging
    pass
