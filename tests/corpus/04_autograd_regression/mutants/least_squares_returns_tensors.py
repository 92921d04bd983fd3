# mistake: returns the two entries of the solution as 0-dim tensors, not Python floats (no .item())
# targets: test_least_squares
# %% least_squares
def least_squares(x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    A = torch.cat([x.pow(2), torch.ones_like(x)], dim=1)
    theta = torch.linalg.lstsq(A, y).solution
    return theta[0, 0], theta[1, 0]
