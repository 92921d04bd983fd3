# why: solves the 2x2 normal equations A^T A theta = A^T y
# %% least_squares
def least_squares(x, y):
    A = torch.stack([x.flatten() ** 2, torch.ones(x.shape[0], dtype=x.dtype)], dim=1).double()
    theta = torch.linalg.solve(A.T @ A, A.T @ y.double().flatten())
    return float(theta[0]), float(theta[1])
