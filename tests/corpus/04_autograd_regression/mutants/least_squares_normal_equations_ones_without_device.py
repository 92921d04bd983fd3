# mistake: solves the normal equations, but the column of ones is torch.ones(n) without device=, a CPU tensor next to x on a GPU
# targets: test_least_squares
# %% least_squares
def least_squares(x, y):
    A = torch.stack([x.flatten() ** 2, torch.ones(x.shape[0], dtype=x.dtype)], dim=1).double()
    theta = torch.linalg.solve(A.T @ A, A.T @ y.double().flatten())
    return float(theta[0]), float(theta[1])
