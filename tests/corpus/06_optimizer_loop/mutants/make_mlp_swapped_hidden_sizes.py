# mistake: uses the hidden sizes in the wrong order (in_dim -> n_hidden_2 -> n_hidden_1 -> out_dim)
# targets: test_make_mlp
# %% make_mlp
def make_mlp(in_dim: int, n_hidden_1: int, n_hidden_2: int, out_dim: int) -> nn.Module:
    return nn.Sequential(nn.Linear(in_dim, n_hidden_2), nn.ReLU(), nn.Linear(n_hidden_2, n_hidden_1), nn.ReLU(),
                         nn.Linear(n_hidden_1, out_dim))
