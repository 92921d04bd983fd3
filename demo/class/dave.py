# why: typical indexing mistakes
# base: solution
# %% positives
def positives(x):
    return x[x >= 0]

# %% pick_per_row
def pick_per_row(x, idx):
    # picks columns for every row: an (n, n) table instead of one value per row
    return x[:, idx]
