# mistake: fits y ~ w * x + b (design matrix columns x and 1) instead of x**2 and 1
# targets: test_least_squares
# %% least_squares
def least_squares(x, y):
    A = torch.cat([x, torch.ones_like(x)], dim=1)
    theta = torch.linalg.lstsq(A, y).solution
    return theta[0, 0].item(), theta[1, 0].item()
