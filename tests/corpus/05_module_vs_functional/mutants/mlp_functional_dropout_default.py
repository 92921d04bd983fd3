# mistake: calls F.dropout(h, self.p) in forward, whose training argument defaults to True, so eval() never turns it off
# targets: test_mlp
# %% mlp
class MLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, p: float) -> None:
        super().__init__()
        self.p = p
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(F.dropout(F.relu(self.fc1(x)), self.p))
