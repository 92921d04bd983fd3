# mistake: squares x in place with pow_ to build the design matrix, changing the caller's data
# targets: test_least_squares
# %% least_squares
def least_squares(x, y):
    A = torch.cat([x.pow_(2), torch.ones_like(x)], dim=1)
    theta = torch.linalg.lstsq(A, y).solution
    return theta[0, 0].item(), theta[1, 0].item()
