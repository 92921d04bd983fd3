# why: the pseudo-inverse of the design matrix gives the least-squares solution
# %% least_squares
def least_squares(x, y):
    A = torch.hstack([x * x, torch.ones_like(x)])
    w, b = (torch.linalg.pinv(A) @ y).flatten().tolist()
    return w, b
