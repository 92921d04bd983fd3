# mistake: keeps the seed's BatchNorm1d after each hidden layer, which the task leaves out (and which fails on a batch of one)
# targets: test_make_mlp
# %% make_mlp
def make_mlp(in_dim: int, n_hidden_1: int, n_hidden_2: int, out_dim: int) -> nn.Module:
    return nn.Sequential(nn.Linear(in_dim, n_hidden_1), nn.BatchNorm1d(n_hidden_1), nn.ReLU(),
                         nn.Linear(n_hidden_1, n_hidden_2), nn.BatchNorm1d(n_hidden_2), nn.ReLU(),
                         nn.Linear(n_hidden_2, out_dim))
