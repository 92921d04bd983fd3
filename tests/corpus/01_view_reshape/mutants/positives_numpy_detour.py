# mistake: selects with a NumPy boolean mask (x.numpy()[...], then from_numpy): right on the CPU, but .numpy() fails for a tensor on a GPU
# targets: test_positives
# %% positives
def positives(x: torch.Tensor) -> torch.Tensor:
    values = x.numpy()
    return torch.from_numpy(values[values > 0])
