# mistake: converts the caller's tensor itself (t.data = ...) so that numpy() has the right dtype, changing t
# targets: test_tensor_to_numpy
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    t.data = t.data.to(getattr(torch, dtype))
    return t.detach().numpy()
