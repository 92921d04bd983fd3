# mistake: puts the column of ones first, so it returns (b, w)
# targets: test_least_squares
# %% least_squares
def least_squares(x, y):
    A = torch.cat([torch.ones_like(x), x.pow(2)], dim=1)
    theta = torch.linalg.lstsq(A, y).solution
    return theta[0, 0].item(), theta[1, 0].item()
