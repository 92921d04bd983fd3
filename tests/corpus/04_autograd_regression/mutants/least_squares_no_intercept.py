# mistake: fits only w (no column of ones) and returns b = 0
# targets: test_least_squares
# %% least_squares
def least_squares(x, y):
    A = x.pow(2)
    w = torch.linalg.lstsq(A, y).solution
    return w.item(), 0.0
