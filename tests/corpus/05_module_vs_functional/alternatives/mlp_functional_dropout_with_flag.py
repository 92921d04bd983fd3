# why: F.dropout with training=self.training behaves exactly like an nn.Dropout layer
# %% mlp
class MLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, p: float) -> None:
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.relu(self.fc1(x))
        return self.fc2(F.dropout(h, p=self.p, training=self.training))
