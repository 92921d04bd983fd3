# why: numpy's polyfit of degree 1 in the variable x**2 is the same least-squares problem
# %% least_squares
import numpy as np


def least_squares(x, y):
    w, b = np.polyfit(x.numpy().ravel() ** 2, y.numpy().ravel(), 1)
    return float(w), float(b)
