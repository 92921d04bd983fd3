# why: simple linear regression of y on u = x**2: w = cov(u, y) / var(u), b = mean(y) - w * mean(u)
# %% least_squares
def least_squares(x, y):
    u, v = x.double().pow(2).flatten(), y.double().flatten()
    du, dv = u - u.mean(), v - v.mean()
    w = (du * dv).sum() / (du * du).sum()
    b = v.mean() - w * u.mean()
    return w.item(), b.item()
