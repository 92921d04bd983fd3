# mistake: keeps the layers in a plain Python list, so they are not registered: no parameters, empty state_dict
# targets: test_make_mlp
# %% make_mlp
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = [nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])]

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = torch.relu(x)
        return x


def make_mlp(in_dim: int, n_hidden_1: int, n_hidden_2: int, out_dim: int) -> nn.Module:
    return MLP([in_dim, n_hidden_1, n_hidden_2, out_dim])
