# mistake: the design matrix's column of ones is torch.ones(n, 1) without device=, so it stays on the CPU when x is on a GPU
# targets: test_least_squares
# %% least_squares
def least_squares(x, y):
    A = torch.cat([x.pow(2), torch.ones(x.shape[0], 1, dtype=x.dtype)], dim=1)
    theta = torch.linalg.lstsq(A, y).solution
    return theta[0, 0].item(), theta[1, 0].item()
