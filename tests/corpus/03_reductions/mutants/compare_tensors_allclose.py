# mistake: uses allclose for same (equal up to a tolerance, and broadcasting), not exact equality
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    return a.eq(b), a.shape == b.shape and torch.allclose(a.double(), b.double())
