# why: keeps the layers in an nn.ModuleList and applies ReLU between them in a loop
# %% make_mlp
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))

    def forward(self, x):
        *hidden, last = self.layers
        for layer in hidden:
            x = torch.relu(layer(x))
        return last(x)


def make_mlp(in_dim: int, n_hidden_1: int, n_hidden_2: int, out_dim: int) -> nn.Module:
    return MLP([in_dim, n_hidden_1, n_hidden_2, out_dim])
