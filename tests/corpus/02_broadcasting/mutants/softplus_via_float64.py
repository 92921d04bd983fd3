# mistake: computes in float64 (NumPy) and returns float64 for a float32 input
# targets: test_softplus
# %% softplus
def softplus(x: torch.Tensor) -> torch.Tensor:
    return torch.from_numpy(np.logaddexp(0.0, x.numpy().astype(np.float64)))
