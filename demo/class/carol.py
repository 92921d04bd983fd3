# why: typical view/reshape confusions
# base: solution
# %% strict_view
def strict_view(x, shape):
    # "reshape is the same as view", but it silently copies non-contiguous input
    return x.reshape(shape)

# %% column
def column(x, j):
    # advanced indexing with a list copies: writes do not reach x
    return x[:, [j]].squeeze(1)
