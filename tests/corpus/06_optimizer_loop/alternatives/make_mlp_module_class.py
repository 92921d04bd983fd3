# why: an nn.Module subclass like the seed's Net (without BatchNorm), with F.relu in forward
# %% make_mlp
class Net(nn.Module):
    def __init__(self, in_dim, n_hidden_1, n_hidden_2, out_dim):
        super().__init__()
        self.out = nn.Linear(n_hidden_2, out_dim)      # registered first: the order of definition does not matter
        self.hidden1 = nn.Linear(in_dim, n_hidden_1)
        self.hidden2 = nn.Linear(n_hidden_1, n_hidden_2)

    def forward(self, x):
        return self.out(F.relu(self.hidden2(F.relu(self.hidden1(x)))))


def make_mlp(in_dim: int, n_hidden_1: int, n_hidden_2: int, out_dim: int) -> nn.Module:
    return Net(in_dim, n_hidden_1, n_hidden_2, out_dim)
