# mistake: filters a Python list (x.flatten().tolist()) and builds a new tensor from it: right on the CPU, but the result is always a CPU tensor, whatever x's device
# targets: test_positives
# %% positives
def positives(x: torch.Tensor) -> torch.Tensor:
    return torch.tensor([v for v in x.flatten().tolist() if v > 0], dtype=x.dtype)
