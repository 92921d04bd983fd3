# mistake: fits a full quadratic a*x**2 + c*x + d with polyfit and reports a and d, a different model
# targets: test_least_squares
# %% least_squares
import numpy as np


def least_squares(x, y):
    a, c, d = np.polyfit(x.double().numpy().ravel(), y.double().numpy().ravel(), 2)
    return float(a), float(d)
